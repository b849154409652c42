namespace CrisisCenter.Channels.Delivery;

/// <summary>What one send to a channel came to, as its adapter saw it.</summary>
public abstract record DeliveryResult
{
    public static DeliveryResult Delivered(string externalId, string? url = null) => new Sent(externalId, url);

    /// <summary>The channel refused for a reason a retry will not fix (4xx other than 429, bad configuration).</summary>
    public static DeliveryResult Permanent(string error) => new Refused(error, IsPermanent: true, RetryAfter: null, MaybeSent: false);

    /// <summary>The channel answered "not now" (5xx, 429, 408) or could not be reached; nothing went out.</summary>
    public static DeliveryResult Transient(string error, TimeSpan? retryAfter = null) => new Refused(error, IsPermanent: false, retryAfter, MaybeSent: false);

    /// <summary>The request may have reached the channel and been acted on (timeout, connection lost mid-request).
    /// Safe to repeat only where the channel drops duplicates by idempotency key.</summary>
    public static DeliveryResult Interrupted(string error) => new Refused(error, IsPermanent: false, RetryAfter: null, MaybeSent: true);

    public sealed record Sent(string ExternalId, string? Url) : DeliveryResult;

    public sealed record Refused(string Error, bool IsPermanent, TimeSpan? RetryAfter, bool MaybeSent) : DeliveryResult;
}
