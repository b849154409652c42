using CrisisCenter.Channels.Administration;
using CrisisCenter.Channels.Dispatching;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrisisCenter.Channels.IncidentUpdates;

/// <summary>
/// Turns incident changes (declared, details amended, severity, agencies, stabilised, closed, reopened) into
/// <c>incident.updated</c> webhook events for every partner that takes them. Every node runs one: it reads the incident
/// streams from the first event (folding each incident's incident-level changes so the payload shows it as it stood after the change), and asks
/// the partner's <see cref="IIncidentUpdateSenderGrain"/> - the one sender in the cluster, whose stream is the
/// checkpoint, which also numbers the attempts and sets the wait before the next one - to deliver each change.
/// Partners are the webhook channels of the configuration and of the admins' directory that take the event type.
/// Restricted incidents are not announced to partners.
/// </summary>
public sealed partial class IncidentUpdateNotifier(
    IEventStore store,
    IGrainFactory grains,
    ChannelTargets targets,
    TimeProvider clock,
    ILogger<IncidentUpdateNotifier> logger) : BackgroundService
{

    private readonly Dictionary<Guid, IncidentState> incidents = [];
    private readonly Lock gate = new();
    private readonly List<Pending> pending = [];
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
            foreach (var channel in Subscribers()) await SubscribeAsync(channel, startedAt, stoppingToken);
            var follow = FollowStoreAsync(stoppingToken);
            await caughtUp.Task.WaitAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var sleep = await SendDueAsync(stoppingToken);
                await wake.WaitAsync(sleep, stoppingToken);
            }

            await follow;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
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

    private IEnumerable<string> Subscribers() =>
        targets.All()
            .Where(t => t.Value is { Kind: ChannelKind.Webhook, Enabled: true } && t.Value.Takes(IncidentUpdatePayload.EventType))
            .Select(t => t.Key);

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
                }
            }

            if (result.Outcome == NoticeOutcome.Abandoned) LogAbandoned(logger, item.Channel, item.Notice.Key, result.Error);
        }

        lock (gate)
        {
            if (pending.Count == 0) return TimeSpan.FromSeconds(30);
            var next = pending.Min(p => p.DueAt) - clock.GetUtcNow();
            return next <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : next < TimeSpan.FromSeconds(30) ? next : TimeSpan.FromSeconds(30);
        }
    }

    private Task FollowStoreAsync(CancellationToken stoppingToken) => IncidentEventFollower.FollowAsync(
        store, Read, () => caughtUp.TrySetResult(), (position, error) => LogStoreFailed(logger, position, error), clock, stoppingToken);

    private void Read(RecordedEvent recorded, IncidentEvent e)
    {
        // What a payload shows (title, category, severity, status, regions, agencies, code, visibility) is moved only by
        // the incident-level changes, so only those are folded: keeping every update, statement and post of every
        // incident here would be a second copy of the grains' state on every node.
        if (IncidentUpdatePayload.ChangeOf(e) is not { } change) return;
        var after = Incident.Evolve(incidents.GetValueOrDefault(e.IncidentId, IncidentState.Initial), e);
        incidents[e.IncidentId] = after;
        if (after.Visibility != Visibility.Normal) return;

        var added = false;
        foreach (var channel in Subscribers())
        {
            var payload = IncidentUpdatePayload.For(after, e, change, recorded.EventId, recorded.Revision, channel);
            var notice = new IncidentUpdateNotice(payload.Id, e.IncidentId, recorded.EventId, recorded.Position, payload.ToJson());
            lock (gate) pending.Add(new Pending(channel, notice) { DueAt = clock.GetUtcNow() });
            added = true;
        }

        if (added) wake.Release();
    }

    private sealed class Pending(string channel, IncidentUpdateNotice notice)
    {
        public string Channel { get; } = channel;
        public IncidentUpdateNotice Notice { get; } = notice;
        public DateTimeOffset DueAt { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing partner {Channel} to incident updates failed; trying again.")]
    private static partial void LogSubscribeFailed(ILogger logger, string channel, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Asking to deliver incident update {Key} failed; trying again shortly.")]
    private static partial void LogSendFailed(ILogger logger, string key, Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Incident update {Key} to {Channel} was given up: {Error}")]
    private static partial void LogAbandoned(ILogger logger, string channel, string key, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the store after position {Position} failed; retrying.")]
    private static partial void LogStoreFailed(ILogger logger, long position, Exception error);
}
