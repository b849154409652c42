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
/// instead of recording twice (and the partner drops a duplicate send by its idempotency key anyway).
/// </summary>
public interface IIncidentUpdateSenderGrain : IGrainWithStringKey
{
    /// <summary>Serve changes after <paramref name="afterPosition"/>, unless the partner is subscribed already.</summary>
    Task<long> Subscribe(long afterPosition);

    /// <summary>One attempt (number <paramref name="attempt"/>, 1-based) at delivering <paramref name="notice"/>.</summary>
    [ResponseTimeout("00:02:00")]
    Task<NoticeResult> Deliver(IncidentUpdateNotice notice, int attempt);
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

    async Task<NoticeResult> IIncidentUpdateSenderGrain.Deliver(IncidentUpdateNotice notice, int attempt)
    {
        await Facts.CatchUpAsync(Apply, CancellationToken.None);
        if (done.Contains(notice.Key)) return new NoticeResult(NoticeOutcome.AlreadyDone);
        // A partner configured while the node runs is served from the first change it hears of.
        var after = subscribedAfter ?? await ((IIncidentUpdateSenderGrain)this).Subscribe(notice.Position - 1);
        if (notice.Position <= after) return new NoticeResult(NoticeOutcome.BeforeSubscription);

        var target = targets.Find(Channel);
        var dispatch = options.CurrentValue.Dispatch;
        if (target is not { Kind: ChannelKind.Webhook, Enabled: true } || !target.Takes(IncidentUpdatePayload.EventType))
            return await RecordAsync(notice, new PartnerUpdateAbandoned(Channel, notice.Key, notice.IncidentId, notice.SourceEventId, attempt - 1,
                $"Channel '{Channel}' no longer takes {IncidentUpdatePayload.EventType}.", clock.GetUtcNow()), NoticeOutcome.Abandoned);

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
                return await RecordAsync(notice, new PartnerUpdateDelivered(Channel, notice.Key, notice.IncidentId, notice.SourceEventId, attempt, clock.GetUtcNow()), NoticeOutcome.Delivered);
            case DeliveryResult.Refused refused when !refused.IsPermanent && attempt < dispatch.MaxAttempts:
                // Webhooks drop duplicates by key, so a send that may have gone out (MaybeSent) is simply made again.
                return new NoticeResult(NoticeOutcome.Retry, new RetryDelays(dispatch).After(attempt, refused.RetryAfter), refused.Error);
            case DeliveryResult.Refused refused:
                var error = refused.IsPermanent ? refused.Error : $"Gave up after {attempt} attempts: {refused.Error}";
                return await RecordAsync(notice, new PartnerUpdateAbandoned(Channel, notice.Key, notice.IncidentId, notice.SourceEventId, attempt, error, clock.GetUtcNow()), NoticeOutcome.Abandoned, error);
            default:
                throw new InvalidOperationException($"Unknown delivery result {result}.");
        }
    }

    private async Task<NoticeResult> RecordAsync(IncidentUpdateNotice notice, PartnerUpdateEvent outcome, NoticeOutcome answer, string? error = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Facts.AppendAsync(outcome, "system", Apply, CancellationToken.None);
                return new NoticeResult(answer, Error: error);
            }
            catch (WrongExpectedRevisionException) when (attempt < AppendAttempts)
            {
                await Facts.CatchUpAsync(Apply, CancellationToken.None);
                if (done.Contains(notice.Key)) return new NoticeResult(NoticeOutcome.AlreadyDone);
            }
        }
    }

    private void Apply(PartnerUpdateEvent e)
    {
        switch (e)
        {
            case PartnerUpdatesSubscribed s:
                subscribedAfter ??= s.AfterPosition;
                break;
            case PartnerUpdateDelivered d:
                done.Add(d.Key);
                break;
            case PartnerUpdateAbandoned a:
                done.Add(a.Key);
                break;
        }
    }
}
