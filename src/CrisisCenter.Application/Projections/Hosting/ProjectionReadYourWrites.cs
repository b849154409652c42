using CrisisCenter.Application.Pipeline;

namespace CrisisCenter.Application.Projections;

/// <summary>Commands wait for the projection host to reach their position, for at most <see cref="MaxWait"/>:
/// a lagging read side never fails a command that was stored.</summary>
public sealed class ProjectionReadYourWrites(ProjectionHost host) : IReadYourWrites
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    public async Task WaitForAsync(long position, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(MaxWait);
        try
        {
            await host.WaitForPositionAsync(position, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Projections are behind; the command itself succeeded.
        }
    }
}
