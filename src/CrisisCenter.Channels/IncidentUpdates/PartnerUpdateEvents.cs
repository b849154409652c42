namespace CrisisCenter.Channels.IncidentUpdates;

/// <summary>
/// Facts of one partner's <c>incident.updated</c> subscription, in the stream <c>partner-updates-{channel}</c>: from
/// which store position on it is served, and which changes were delivered or given up. This stream is the sender's
/// checkpoint: a change found in it is never sent again, whichever node looks.
/// </summary>
public abstract record PartnerUpdateEvent(string Channel, DateTimeOffset At);

/// <summary>Changes after <paramref name="AfterPosition"/> are sent; older history is not replayed to a new partner.</summary>
public sealed record PartnerUpdatesSubscribed(string Channel, long AfterPosition, DateTimeOffset At) : PartnerUpdateEvent(Channel, At);

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
        ["partner_update.delivered.v1"] = typeof(PartnerUpdateDelivered),
        ["partner_update.abandoned.v1"] = typeof(PartnerUpdateAbandoned),
    };
}
