using CrisisCenter.Channels.Delivery;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Feeds;

/// <summary>
/// The website feed is built in: "sending" is recording the delivery, after which <see cref="PublicStatements"/>
/// shows the entry. Idempotent by nature (the entry id is the statement and language). Restricted incidents are
/// refused here as well as hidden there, so they never reach the public site.
/// </summary>
public sealed class FeedAdapter : IChannelAdapter
{
    public bool IsIdempotent => true;

    public Task<DeliveryResult> SendAsync(ChannelMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(message.Incident.Visibility != Visibility.Normal
            ? DeliveryResult.Permanent("Restricted incidents are never published on the public website.")
            : DeliveryResult.Delivered(
                new FeedEntry(message.Statement.Id, message.Language, message.Incident.Id, "", "", message.Statement.Kind, message.Revision.Number,
                    message.Text, default, default, FeedEntryStatus.Published).Id,
                message.PublicUrl?.ToString()));
}
