using System.Buffers.Binary;
using System.Security.Cryptography;

namespace CrisisCenter.Grains.Serialization;

/// <summary>
/// Deterministic ids (RFC 9562 version 8, SHA-256 based) from a namespace, a name and an index, so a retried
/// write produces the same event ids and the store's idempotency recognises it.
/// </summary>
internal static class NameBasedGuid
{
    public static Guid Create(Guid @namespace, Guid name, int index)
    {
        Span<byte> input = stackalloc byte[16 + 16 + 4];
        @namespace.TryWriteBytes(input[..16], bigEndian: true, out _);
        name.TryWriteBytes(input[16..32], bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(input[32..], index);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8: custom, name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
