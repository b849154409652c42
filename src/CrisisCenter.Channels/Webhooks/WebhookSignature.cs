using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CrisisCenter.Channels.Webhooks;

/// <summary>
/// HMAC-SHA256 signature of a webhook: over "{timestamp}.{raw body}" (timestamp = the X-CrisisCenter-Timestamp
/// header, Unix seconds) with the partner's secret, sent as "v1=" + lower-case hex. A receiver recomputes it over the
/// bytes it received, compares in constant time, and refuses timestamps too far from its clock (replays).
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-CrisisCenter-Signature";
    public const string TimestampHeader = "X-CrisisCenter-Timestamp";
    public const string EventHeader = "X-CrisisCenter-Event";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    private const string Version = "v1=";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Version + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>True when <paramref name="signature"/> is the signature of the body at that timestamp and the timestamp
    /// is within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string? timestampHeader, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (signature is null || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
            return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(timestamp)).Duration() > tolerance)
            return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature));
    }
}
