using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CrisisCenter.EventStore;

/// <summary>
/// Tamper evidence: each event's hash is SHA-256 over the previous hash of its stream and the event's own
/// content (id, stream, revision, type, data, metadata). Backends compute it when appending; anyone can
/// verify a stream by walking it (<see cref="StreamVerifier"/>), whatever the backend.
/// </summary>
public static class HashChain
{
    /// <summary>The "previous hash" of the first event of every stream.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string Compute(string previousHash, Guid eventId, string stream, long revision, string type, ReadOnlySpan<byte> data, EventMetadata metadata)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendField(hash, Encoding.ASCII.GetBytes(previousHash));
        Span<byte> id = stackalloc byte[16];
        eventId.TryWriteBytes(id, bigEndian: true, out _);
        AppendField(hash, id);
        AppendField(hash, Encoding.UTF8.GetBytes(stream));
        Span<byte> rev = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(rev, revision);
        AppendField(hash, rev);
        AppendField(hash, Encoding.UTF8.GetBytes(type));
        AppendField(hash, data);
        AppendField(hash, CanonicalMetadata(metadata));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The metadata as the hash sees it: compact JSON, properties in declaration order.</summary>
    public static byte[] CanonicalMetadata(EventMetadata metadata) => JsonSerializer.SerializeToUtf8Bytes(metadata, CanonicalOptions);

    private static readonly JsonSerializerOptions CanonicalOptions = new() { WriteIndented = false };

    // Length-prefixing every field keeps ("ab","c") and ("a","bc") apart.
    private static void AppendField(IncrementalHash hash, ReadOnlySpan<byte> field)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, field.Length);
        hash.AppendData(length);
        hash.AppendData(field);
    }
}
