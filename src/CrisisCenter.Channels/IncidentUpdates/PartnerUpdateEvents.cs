namespace CrisisCenter.Channels.IncidentUpdates;

/// <summary>
/// Facts of one partner's <c>incident.updated</c> subscription, in the stream <c>partner-updates-{channel}</c>: from
/// which store position on it is served, each failed attempt at a change, and which changes were delivered or given up.
/// This stream is the sender's checkpoint: a change found delivered or abandoned in it is never sent again, whichever
/// node looks, and a change's failed attempts go on counting (and waiting) across restarts.
/// </summary>
public abstract record PartnerUpdateEvent(string Channel, DateTimeOffset At);

/// <summary>Changes after <paramref name="AfterPosition"/> are sent; older history is not replayed to a new partner.</summary>
public sealed record PartnerUpdatesSubscribed(string Channel, long AfterPosition, DateTimeOffset At) : PartnerUpdateEvent(Channel, At);

/// <summary>Attempt <paramref name="Attempt"/> (1-based) failed transiently; the next one is not made before
/// <paramref name="NextAttemptAt"/>.</summary>
public sealed record PartnerUpdateFailed(string Channel, string Key, Guid IncidentId, Guid SourceEventId, int Attempt, string Error, DateTimeOffset NextAttemptAt, DateTimeOffset At)
    : PartnerUpdateEvent(Channel, At);

public sealed record PartnerUpdateDelivered(string Channel, string Key, Guid IncidentId, Guid SourceEventId, int Attempt, DateTimeOffset At)
    : PartnerUpdateEvent(Channel, At);

public sealed record PartnerUpdateAbandoned(string Channel, string Key, Guid IncidentId, Guid SourceEventId, int Attempts, string Error, DateTimeOffset At)
    : PartnerUpdateEvent(Channel, At);

public static class PartnerUpdateStreams
{
    public const string Prefix = "partner-updates-";

    public static string For(string channel) => Prefix + channel;

    public static readonly IReadOnlyDictionary<string, Type> TypesByName = new Dictionary<string, Type>
    {
        ["partner_updates.subscribed.v1"] = typeof(PartnerUpdatesSubscribed),
        ["partner_update.failed.v1"] = typeof(PartnerUpdateFailed),
        ["partner_update.delivered.v1"] = typeof(PartnerUpdateDelivered),
        ["partner_update.abandoned.v1"] = typeof(PartnerUpdateAbandoned),
    };
}
