using CrisisCenter.Application.Pipeline;

namespace CrisisCenter.Application.Projections;

/// <summary>Commands wait for the projection host to reach their position, for at most <see cref="MaxWait"/> (and
/// less than <see cref="MaxWait"/> + <see cref="DeadlineStep"/>): a lagging read side never fails a command that was
/// stored. A command whose position is already applied waits for nothing and allocates nothing; the others share one
/// deadline per <see cref="DeadlineStep"/> instead of starting a timer each.</summary>
public sealed class ProjectionReadYourWrites(ProjectionHost host) : IReadYourWrites
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    /// <summary>Commands that start waiting within one step share its deadline, one timer for all of them.</summary>
    internal static readonly TimeSpan DeadlineStep = TimeSpan.FromMilliseconds(100);

    private readonly Lock _gate = new();
    private SharedDeadline? _current;

    public async Task WaitForAsync(long position, CancellationToken cancellationToken)
    {
        if (host.Position >= position)
        {
            return;
        }

        try
        {
            var reached = host.WaitForPositionAsync(position, CurrentDeadline());
            await (cancellationToken.CanBeCanceled ? reached.WaitAsync(cancellationToken) : reached);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Projections are behind (or stopping); the command itself succeeded.
        }
    }

    /// <summary>The deadline at least <see cref="MaxWait"/> from now: the one of this step, else a new one. A deadline's
    /// source is never disposed (its timer is gone once it fired); waiters registered on it leave when it fires.</summary>
    private CancellationToken CurrentDeadline()
    {
        var now = Environment.TickCount64;
        lock (_gate)
        {
            if (_current is not { } deadline || now - deadline.StartedAt >= DeadlineStep.TotalMilliseconds)
            {
                var source = new CancellationTokenSource();
                source.CancelAfter(MaxWait + DeadlineStep);
                _current = deadline = new SharedDeadline(now, source.Token);
            }

            return deadline.Token;
        }
    }

    /// <summary>A deadline <see cref="MaxWait"/> + <see cref="DeadlineStep"/> after <see cref="StartedAt"/>, so every
    /// command of the step gets at least <see cref="MaxWait"/>.</summary>
    private sealed record SharedDeadline(long StartedAt, CancellationToken Token);
}
