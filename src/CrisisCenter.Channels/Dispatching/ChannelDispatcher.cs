using CrisisCenter.Application.Projections;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Channels.Dispatching;

/// <summary>
/// The outbox dispatcher of one node: watches the <see cref="PendingPosts"/> (a read model of the node's
/// <see cref="ProjectionHost"/>, restored from the read store at start, so the dispatcher never reads the store
/// itself) and hands each due post to its sender (the post's grain), a bounded number at a time. Every node runs one;
/// the grain makes sure only one of them sends a given post. Scheduled posts (NotBefore) and recorded retry times are
/// due times here, so they survive restarts. It starts sending once the host has caught up with the store.
/// </summary>
public sealed partial class ChannelDispatcher(
    PendingPosts pending,
    ProjectionHost projections,
    IChannelPostSender sender,
    IOptionsMonitor<ChannelsOptions> options,
    TimeProvider clock,
    ILogger<ChannelDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan RecheckAfterRun = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(30);

    private readonly Lock gate = new();
    private readonly HashSet<Guid> inFlight = [];
    private readonly List<Task> runs = [];
    private readonly SemaphoreSlim wake = new(0);

    /// <summary>Completes once the node's read models (the pending posts among them) hold what the store held at start.</summary>
    public Task CaughtUp => projections.WaitUntilCaughtUpAsync();

    public int PendingCount => pending.Count;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        pending.Changed += Wake;
        try
        {
            await projections.WaitUntilCaughtUpAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var sleep = StartDueRuns(stoppingToken);
                await wake.WaitAsync(sleep, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            Task[] running;
            lock (gate) running = [.. runs];
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
            pending.Changed -= Wake;
        }
    }

    private TimeSpan StartDueRuns(CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            var limit = options.CurrentValue.Dispatch.MaxConcurrentPosts;
            foreach (var post in pending.DueAt(now).Where(p => !inFlight.Contains(p.PostId)).OrderBy(p => p.DueAt ?? now).ToList())
            {
                if (inFlight.Count >= limit) break;
                inFlight.Add(post.PostId);
                runs.Add(RunAsync(post, stoppingToken));
            }

            runs.RemoveAll(run => run.IsCompleted);
            var next = pending.NextDueAfter(now, inFlight);
            if (next is null) return MaxSleep;
            var wait = next.Value - now;
            return wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(inFlight.Count >= limit ? 200 : 1) : wait < MaxSleep ? wait : MaxSleep;
        }
    }

    private async Task RunAsync(PendingPost post, CancellationToken stoppingToken)
    {
        await Task.Yield();
        DateTimeOffset comeBack;
        try
        {
            var run = await sender.DeliverAsync(post.IncidentId, post.PostId, stoppingToken);
            // The store tells the real next step; until its events arrive, do not ask again at once.
            comeBack = run.ComeBackAt ?? clock.GetUtcNow() + RecheckAfterRun;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception error)
        {
            LogRunFailed(logger, post.PostId, error);
            comeBack = clock.GetUtcNow() + RecheckAfterRun;
        }
        finally
        {
            lock (gate) inFlight.Remove(post.PostId);
        }

        pending.Defer(post.PostId, comeBack);
        wake.Release();
    }

    // Many events may arrive while the loop sleeps: one release is enough to make it look again.
    private void Wake()
    {
        if (wake.CurrentCount == 0) wake.Release();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering post {PostId} failed before an outcome was recorded; it is looked at again shortly.")]
    private static partial void LogRunFailed(ILogger logger, Guid postId, Exception error);
}
