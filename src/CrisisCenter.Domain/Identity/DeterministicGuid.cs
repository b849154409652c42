using System.Security.Cryptography;
using System.Text;

namespace CrisisCenter.Domain;

/// <summary>
/// Name-based GUIDs (RFC 9562 version 8, SHA-256): the same namespace and name always give the same id.
/// Used where a retried command must name the same thing again (event ids, new entity ids).
/// </summary>
public static class DeterministicGuid
{
    public static Guid Create(Guid @namespace, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        @namespace.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
