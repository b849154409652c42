using System.Text.Json;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;

namespace CrisisCenter.Grains.Serialization;

/// <summary>Turns domain events into store records (stable type name + JSON) and back.</summary>
public static class IncidentEventSerializer
{
    // Fixed namespace for event ids derived from command ids; never change it.
    private static readonly Guid EventIdNamespace = new("0b7d6f43-2a8e-5f19-8c64-71e9a3d5b208");

    public static EventData ToEventData(IncidentEvent @event, Guid eventId, EventMetadata metadata) =>
        new(eventId, EventTypes.NameOf(@event), JsonSerializer.SerializeToUtf8Bytes(@event, @event.GetType(), DomainJson.Options), metadata);

    /// <summary>The incident event a record holds, or null when the record is not an incident event
    /// (another stream's fact, or a type this version does not know).</summary>
    public static IncidentEvent? Deserialize(RecordedEvent recorded) =>
        EventTypes.ByName.TryGetValue(recorded.Type, out var type)
            ? (IncidentEvent?)JsonSerializer.Deserialize(recorded.Data.Span, type, DomainJson.Options)
            : null;

    /// <summary>
    /// The id of the n-th event a command produced: name-based on the command id, so two activations that
    /// decide the same command (a failover race) write the same ids and the store keeps only one copy.
    /// </summary>
    public static Guid EventId(Guid commandId, int index) =>
        DeterministicGuid.Create(EventIdNamespace, commandId.ToString("N") + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
