using System.Buffers.Binary;
using CrisisCenter.EventStore.EventStoreDb.Protocol;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>Our event ids are the server's event ids, so the server's own idempotency sees our retries.</summary>
internal static class EventIdConversion
{
    public static UUID ToProto(Guid id) => new() { String = id.ToString("D") };

    public static Guid FromProto(UUID? uuid) => uuid?.ValueCase switch
    {
        UUID.ValueOneofCase.String => Guid.Parse(uuid.String),
        UUID.ValueOneofCase.Structured => FromHalves(uuid.Structured.MostSignificantBits, uuid.Structured.LeastSignificantBits),
        _ => throw new InvalidDataException("EventStoreDB sent an event without an id."),
    };

    /// <summary>The structured form holds the RFC 4122 bytes as two big-endian halves (as java.util.UUID does).</summary>
    public static Guid FromHalves(long mostSignificant, long leastSignificant)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, mostSignificant);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], leastSignificant);
        return new Guid(bytes, bigEndian: true);
    }

    public static (long MostSignificant, long LeastSignificant) ToHalves(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return (BinaryPrimitives.ReadInt64BigEndian(bytes), BinaryPrimitives.ReadInt64BigEndian(bytes[8..]));
    }
}
