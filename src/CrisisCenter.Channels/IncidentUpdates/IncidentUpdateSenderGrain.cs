using CrisisCenter.Application.Streams;
using CrisisCenter.Channels.Delivery;
using CrisisCenter.Channels.Webhooks;
using CrisisCenter.EventStore;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Channels.IncidentUpdates;

/// <summary>
/// The one sender of <c>incident.updated</c> events to one partner in the whole cluster: keyed by the channel code,
/// one activation, one call at a time. It keeps the partner's <c>partner-updates-{channel}</c> stream folded and
/// appends with the revision it last saw, so a second activation during a failover learns of the first one's outcome
/// instead of recording twice (and the partner drops a duplicate send by its idempotency key anyway). Failed attempts
/// are facts of that stream too (<see cref="PartnerUpdateFailed"/>): the attempt number, the backoff and the
/// MaxAttempts limit carry on across restarts instead of starting again at attempt 1.
/// </summary>
public interface IIncidentUpdateSenderGrain : IGrainWithStringKey
{
    /// <summary>Serve changes after <paramref name="afterPosition"/>, unless the partner is subscribed already.</summary>
    Task<long> Subscribe(long afterPosition);

    /// <summary>
    /// One attempt at delivering <paramref name="notice"/>, numbered after the failures the stream holds for it; a
    /// <see cref="NoticeOutcome.Retry"/> before the recorded time of the next attempt sends nothing.
    /// </summary>
    [ResponseTimeout("00:02:00")]
    Task<NoticeResult> Deliver(IncidentUpdateNotice notice);
}

public sealed class IncidentUpdateSenderGrain(
    IEventStore store,
    IChannelTargets targets,
    WebhookAdapter webhooks,
    IOptionsMonitor<ChannelsOptions> options,
    TimeProvider clock) : Grain, IIncidentUpdateSenderGrain
{
    private const int AppendAttempts = 4;
    private readonly HashSet<string> done = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PartnerUpdateFailed> failures = new(StringComparer.Ordinal);
    private long? subscribedAfter;
    private StreamFold<PartnerUpdateEvent>? facts;

    private string Channel => this.GetPrimaryKeyString();

    private StreamFold<PartnerUpdateEvent> Facts => facts ??= new(store, PartnerUpdateStreams.For(Channel), PartnerUpdateStreams.TypesByName);

    async Task<long> IIncidentUpdateSenderGrain.Subscribe(long afterPosition)
    {
        for (var attempt = 1; ; attempt++)
        {
            await Facts.CatchUpAsync(Apply, CancellationToken.None);
            if (subscribedAfter is { } after) return after;
            try
            {
                await Facts.AppendAsync(new PartnerUpdatesSubscribed(Channel, afterPosition, clock.GetUtcNow()), "system", Apply, CancellationToken.None);
            }
            catch (WrongExpectedRevisionException) when (attempt < AppendAttempts)
            {
            }
        }
    }

    async Task<NoticeResult> IIncidentUpdateSenderGrain.Deliver(IncidentUpdateNotice notice)
    {
        await Facts.CatchUpAsync(Apply, CancellationToken.None);
        if (done.Contains(notice.Key)) return new NoticeResult(NoticeOutcome.AlreadyDone);
        // A partner configured while the node runs is served from the first change it hears of.
        var after = subscribedAfter ?? await ((IIncidentUpdateSenderGrain)this).Subscribe(notice.Position - 1);
        if (notice.Position <= after) return new NoticeResult(NoticeOutcome.BeforeSubscription);

        // The attempt number and the wait come from the stream, so a restart (or another node) carries on counting.
        var failed = failures.GetValueOrDefault(notice.Key);
        var now = clock.GetUtcNow();
        if (failed is not null && failed.NextAttemptAt > now) return new NoticeResult(NoticeOutcome.Retry, failed.NextAttemptAt - now, failed.Error);
        var attempt = (failed?.Attempt ?? 0) + 1;

        var target = targets.Find(Channel);
        var dispatch = options.CurrentValue.Dispatch;
        if (target is not { Kind: ChannelKind.Webhook, Enabled: true } || !target.Takes(IncidentUpdatePayload.EventType))
            return await RecordAsync(notice, attempt, new PartnerUpdateAbandoned(Channel, notice.Key, notice.IncidentId, notice.SourceEventId, attempt - 1,
                $"Channel '{Channel}' no longer takes {IncidentUpdatePayload.EventType}.", now), NoticeOutcome.Abandoned);
        // MaxAttempts may have been lowered since the last failure: the limit holds for what was tried already.
        if (failed is not null && failed.Attempt >= dispatch.MaxAttempts)
            return await GiveUpAsync(notice, failed.Attempt, $"Gave up after {failed.Attempt} attempts: {failed.Error}");

        DeliveryResult result;
        using (var timeout = new CancellationTokenSource(dispatch.AttemptTimeout, clock))
        {
            try
            {
                result = await webhooks.PostAsync(target, notice.Key, IncidentUpdatePayload.EventType, notice.Body, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                result = DeliveryResult.Interrupted($"No answer within {dispatch.AttemptTimeout.TotalSeconds:0.#} s.");
            }
        }

        switch (result)
        {
            case DeliveryResult.Sent:
                return await RecordAsync(notice, attempt, new PartnerUpdateDelivered(Channel, notice.Key, notice.IncidentId, notice.SourceEventId, attempt, clock.GetUtcNow()), NoticeOutcome.Delivered);
            case DeliveryResult.Refused refused when !refused.IsPermanent && attempt < dispatch.MaxAttempts:
                // Webhooks drop duplicates by key, so a send that may have gone out (MaybeSent) is simply made again.
                // The failure is recorded before the wait, as the dispatcher records ChannelPostFailed.
                var delay = new RetryDelays(dispatch).After(attempt, refused.RetryAfter);
                var failedAt = clock.GetUtcNow();
                return await RecordAsync(notice, attempt, new PartnerUpdateFailed(Channel, notice.Key, notice.IncidentId, notice.SourceEventId, attempt, refused.Error,
                    failedAt + delay, failedAt), NoticeOutcome.Retry, refused.Error, delay);
            case DeliveryResult.Refused refused:
                return await GiveUpAsync(notice, attempt, refused.IsPermanent ? refused.Error : $"Gave up after {attempt} attempts: {refused.Error}");
            default:
                throw new InvalidOperationException($"Unknown delivery result {result}.");
        }
    }

    private Task<NoticeResult> GiveUpAsync(IncidentUpdateNotice notice, int attempts, string error) =>
        RecordAsync(notice, attempts, new PartnerUpdateAbandoned(Channel, notice.Key, notice.IncidentId, notice.SourceEventId, attempts, error, clock.GetUtcNow()),
            NoticeOutcome.Abandoned, error);

    private async Task<NoticeResult> RecordAsync(IncidentUpdateNotice notice, int attempt, PartnerUpdateEvent outcome, NoticeOutcome answer, string? error = null, TimeSpan? retryAfter = null)
    {
        for (var append = 1; ; append++)
        {
            try
            {
                await Facts.AppendAsync(outcome, "system", Apply, CancellationToken.None);
                return new NoticeResult(answer, retryAfter, error);
            }
            catch (WrongExpectedRevisionException) when (append < AppendAttempts)
            {
                // Another activation (a failover) wrote first: its outcome or its count of this attempt stands.
                await Facts.CatchUpAsync(Apply, CancellationToken.None);
                if (done.Contains(notice.Key)) return new NoticeResult(NoticeOutcome.AlreadyDone);
                if (outcome is PartnerUpdateFailed && failures.GetValueOrDefault(notice.Key) is { } other && other.Attempt >= attempt)
                    return new NoticeResult(NoticeOutcome.Retry, Max(other.NextAttemptAt - clock.GetUtcNow(), TimeSpan.Zero), other.Error);
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private void Apply(PartnerUpdateEvent e)
    {
        switch (e)
        {
            case PartnerUpdatesSubscribed s:
                subscribedAfter ??= s.AfterPosition;
                break;
            case PartnerUpdateFailed f when !done.Contains(f.Key):
                if (failures.GetValueOrDefault(f.Key) is not { } before || f.Attempt >= before.Attempt) failures[f.Key] = f;
                break;
            case PartnerUpdateDelivered d:
                done.Add(d.Key);
                failures.Remove(d.Key);
                break;
            case PartnerUpdateAbandoned a:
                done.Add(a.Key);
                failures.Remove(a.Key);
                break;
        }
    }
}
