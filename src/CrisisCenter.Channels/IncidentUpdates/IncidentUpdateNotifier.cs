using CrisisCenter.Application.Projections;
using CrisisCenter.Channels.Administration;
using CrisisCenter.EventStore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrisisCenter.Channels.IncidentUpdates;

/// <summary>
/// Turns incident changes (declared, details amended, severity, agencies, stabilised, closed, reopened) into
/// <c>incident.updated</c> webhook events for every partner that takes them. Every node runs one: the notices come from
/// <see cref="IncidentUpdateChanges"/>, a read model of the node's <see cref="ProjectionHost"/> (so the notifier never
/// reads the store itself; at start the open notices are restored from the read store), and it asks
/// the partner's <see cref="IIncidentUpdateSenderGrain"/> - the one sender in the cluster, whose stream is the
/// checkpoint, which also numbers the attempts and sets the wait before the next one - to deliver each change.
/// Partners are the webhook channels of the configuration and of the admins' directory that take the event type.
/// Restricted incidents are not announced to partners.
/// </summary>
public sealed partial class IncidentUpdateNotifier(
    IEventStore store,
    IncidentUpdateChanges changes,
    ProjectionHost projections,
    IGrainFactory grains,
    ChannelTargets targets,
    TimeProvider clock,
    ILogger<IncidentUpdateNotifier> logger) : BackgroundService
{
    private readonly Lock gate = new();
    private readonly List<Pending> pending = [];
    private readonly HashSet<string> queued = [];
    private readonly SemaphoreSlim wake = new(0);
    private readonly TaskCompletionSource caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once what the store held at the start has been read and the partners are subscribed.</summary>
    public Task CaughtUp => caughtUp.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Partners configured now are served from here on: history before their subscription is not replayed.
            var startedAt = await store.GetLastPositionAsync(stoppingToken);
            foreach (var channel in IncidentUpdateChanges.Subscribers(targets)) await SubscribeAsync(channel, startedAt, stoppingToken);
            changes.NoticesMade += Enqueue;
            await projections.WaitUntilCaughtUpAsync(stoppingToken);
            Enqueue(changes.Open());
            caughtUp.TrySetResult();
            while (!stoppingToken.IsCancellationRequested)
            {
                var sleep = await SendDueAsync(stoppingToken);
                await wake.WaitAsync(sleep, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            changes.NoticesMade -= Enqueue;
        }
    }

    // The same notice may come twice (made live while the open ones are taken at start, or made again when the host
    // re-applies a failed batch): it is queued once.
    private void Enqueue(IReadOnlyList<PartnerNotice> notices)
    {
        var added = false;
        lock (gate)
        {
            foreach (var notice in notices)
            {
                if (!queued.Add(notice.Notice.Key)) continue;
                pending.Add(new Pending(notice) { DueAt = clock.GetUtcNow() });
                added = true;
            }
        }

        if (added && wake.CurrentCount == 0) wake.Release();
    }

    // The silo may still be starting when this service starts: ask until the partner's grain answers.
    private async Task SubscribeAsync(string channel, long afterPosition, CancellationToken stoppingToken)
    {
        for (var delay = TimeSpan.FromMilliseconds(100); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks)))
        {
            try
            {
                await grains.GetGrain<IIncidentUpdateSenderGrain>(channel).Subscribe(afterPosition).WaitAsync(stoppingToken);
                return;
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogSubscribeFailed(logger, channel, error);
                await Task.Delay(delay, clock, stoppingToken);
            }
        }
    }

    private async Task<TimeSpan> SendDueAsync(CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        List<Pending> due;
        lock (gate) due = [.. pending.Where(p => p.DueAt <= now)];
        foreach (var item in due)
        {
            NoticeResult result;
            try
            {
                result = await grains.GetGrain<IIncidentUpdateSenderGrain>(item.Channel).Deliver(item.Notice).WaitAsync(stoppingToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                LogSendFailed(logger, item.Notice.Key, error);
                result = new NoticeResult(NoticeOutcome.Retry, TimeSpan.FromSeconds(5));
            }

            lock (gate)
            {
                if (result.Outcome == NoticeOutcome.Retry)
                {
                    item.DueAt = clock.GetUtcNow() + (result.RetryAfter ?? TimeSpan.FromSeconds(1));
                }
                else
                {
                    pending.Remove(item);
                    queued.Remove(item.Notice.Key);
                }
            }

            if (result.Outcome != NoticeOutcome.Retry) changes.Settled(item.Source);
            if (result.Outcome == NoticeOutcome.Abandoned) LogAbandoned(logger, item.Channel, item.Notice.Key, result.Error);
        }

        lock (gate)
        {
            if (pending.Count == 0) return TimeSpan.FromSeconds(30);
            var next = pending.Min(p => p.DueAt) - clock.GetUtcNow();
            return next <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : next < TimeSpan.FromSeconds(30) ? next : TimeSpan.FromSeconds(30);
        }
    }

    private sealed class Pending(PartnerNotice source)
    {
        public PartnerNotice Source { get; } = source;
        public string Channel => Source.Channel;
        public IncidentUpdateNotice Notice => Source.Notice;
        public DateTimeOffset DueAt { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing partner {Channel} to incident updates failed; trying again.")]
    private static partial void LogSubscribeFailed(ILogger logger, string channel, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asking to deliver incident update {Key} failed; trying again shortly.")]
    private static partial void LogSendFailed(ILogger logger, string key, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident update {Key} to {Channel} was given up: {Error}")]
    private static partial void LogAbandoned(ILogger logger, string channel, string key, string? error);
}
