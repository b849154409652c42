using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Channels.Dispatching;

/// <summary>
/// The outbox dispatcher of one node: tails the incident streams from the first event (the store is its
/// checkpoint), keeps the <see cref="PendingPosts"/>, and hands each due post to its sender (the post's grain), a
/// bounded number at a time. Every node runs one; the grain makes sure only one of them sends a given post.
/// Scheduled posts (NotBefore) and recorded retry times are due times here, so they survive restarts.
/// </summary>
public sealed partial class ChannelDispatcher(
    IEventStore store,
    IChannelPostSender sender,
    IOptionsMonitor<ChannelsOptions> options,
    TimeProvider clock,
    ILogger<ChannelDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan RecheckAfterRun = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(30);

    private readonly Lock gate = new();
    private readonly PendingPosts pending = new();
    private readonly HashSet<Guid> inFlight = [];
    private readonly List<Task> runs = [];
    private readonly SemaphoreSlim wake = new(0);
    private readonly TaskCompletionSource caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the dispatcher has read what the store held at its start.</summary>
    public Task CaughtUp => caughtUp.Task;

    public int PendingCount { get { lock (gate) return pending.Count; } }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var follow = FollowStoreAsync(stoppingToken);
        try
        {
            await caughtUp.Task.WaitAsync(stoppingToken);
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
            await follow.ContinueWith(_ => { }, TaskScheduler.Default);
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

        lock (gate) pending.Defer(post.PostId, comeBack);
        wake.Release();
    }

    private Task FollowStoreAsync(CancellationToken stoppingToken) => IncidentEventFollower.FollowAsync(
        store, (_, e) => Apply(e), () => caughtUp.TrySetResult(),
        (position, error) => LogStoreFailed(logger, position, error), clock, stoppingToken);

    private void Apply(IncidentEvent e)
    {
        lock (gate) pending.Apply(e);
        wake.Release();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering post {PostId} failed before an outcome was recorded; it is looked at again shortly.")]
    private static partial void LogRunFailed(ILogger logger, Guid postId, Exception error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the store after position {Position} failed; retrying.")]
    private static partial void LogStoreFailed(ILogger logger, long position, Exception error);
}
