namespace CrisisCenter.Channels.Delivery;

/// <summary>
/// Exponential backoff with jitter over the post's absolute attempt number, so the delay keeps growing across
/// restarts (an in-memory retry counter would start over). A channel's Retry-After wins when it asks for longer.
/// </summary>
public sealed class RetryDelays(DispatchOptions options, Func<double>? random = null)
{
    private readonly Func<double> random = random ?? Random.Shared.NextDouble;

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan After(int attempt, TimeSpan? retryAfter)
    {
        var exponent = Math.Min(Math.Max(attempt - 1, 0), 30);
        var ceiling = Math.Min(options.BaseDelay.TotalMilliseconds * Math.Pow(2, exponent), options.MaxDelay.TotalMilliseconds);
        // "Equal jitter": half fixed, half random, so nodes retrying together spread out yet never retry at once.
        var backoff = TimeSpan.FromMilliseconds(ceiling / 2 + random() * ceiling / 2);
        return retryAfter is { } asked && asked > backoff ? asked : backoff;
    }
}
