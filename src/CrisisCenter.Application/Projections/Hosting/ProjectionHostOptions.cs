namespace CrisisCenter.Application.Projections;

/// <summary>How the <see cref="ProjectionHost"/> retries when the store fails under it.</summary>
public sealed class ProjectionHostOptions
{
    /// <summary>Wait before the first retry; doubled after each failure in a row up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
}
