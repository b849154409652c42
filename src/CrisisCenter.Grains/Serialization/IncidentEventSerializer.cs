using System.Security.Cryptography;
using System.Text;
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
    public static Guid EventId(Guid commandId, int index)
    {
        Span<byte> input = stackalloc byte[16 + 16 + 4];
        EventIdNamespace.TryWriteBytes(input[..16], bigEndian: true, out _);
        commandId.TryWriteBytes(input[16..32], bigEndian: true, out _);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(input[32..], index);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom, name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
