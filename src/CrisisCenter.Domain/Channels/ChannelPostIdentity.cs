using System.Security.Cryptography;
using System.Text;

namespace CrisisCenter.Domain;

/// <summary>
/// Deterministic ids and idempotency keys for channel posts, so re-deciding the same publication yields the same
/// posts and a channel can drop a duplicate send.
/// </summary>
public static class ChannelPostIdentity
{
    // Fixed namespace for name-based (RFC 9562 version 5) post ids; never change it.
    private static readonly Guid PostNamespace = new("6f0c2b9e-4d1a-5c3e-9a57-3e1f0b8d2c41");

    /// <summary>"{statementId}:{revision}:{channel}:{language}" for a Publish post; Correct/Retract posts add
    /// ":{action}:{originalPostId}" because one correction may edit several posts on the same channel.</summary>
    public static string IdempotencyKey(
        Guid statementId,
        int revision,
        string channel,
        Language language,
        ChannelPostAction action = ChannelPostAction.Publish,
        Guid? originalPostId = null)
    {
        var key = $"{statementId:D}:{revision}:{channel}:{language.ToCode()}";
        return action == ChannelPostAction.Publish
            ? key
            : $"{key}:{action.ToString().ToLowerInvariant()}:{originalPostId:D}";
    }

    /// <summary>A name-based (version 5, SHA-1) GUID of the idempotency key.</summary>
    public static Guid PostId(string idempotencyKey)
    {
        Span<byte> namespaceBytes = stackalloc byte[16];
        PostNamespace.TryWriteBytes(namespaceBytes, bigEndian: true, out _);
        var name = Encoding.UTF8.GetBytes(idempotencyKey);
        var input = new byte[16 + name.Length];
        namespaceBytes.CopyTo(input);
        name.CopyTo(input, 16);

        // SHA-1 is what RFC 9562 prescribes for version 5; it names, it does not protect.
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
