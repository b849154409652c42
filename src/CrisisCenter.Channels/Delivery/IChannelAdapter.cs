namespace CrisisCenter.Channels.Delivery;

/// <summary>Sends one post to one kind of channel. Adapters turn every outcome into a <see cref="DeliveryResult"/>,
/// except cancellation; an exception that escapes counts as an interrupted send.</summary>
public interface IChannelAdapter
{
    /// <summary>True when the channel drops a repeated send with the same idempotency key (webhooks, the built-in
    /// feeds): an interrupted attempt is simply made again. False (Telegram, e-mail): every attempt is recorded as
    /// Sending first, and one interrupted becomes Uncertain.</summary>
    bool IsIdempotent { get; }

    Task<DeliveryResult> SendAsync(ChannelMessage message, CancellationToken cancellationToken);
}
