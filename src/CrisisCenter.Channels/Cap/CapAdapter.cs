using CrisisCenter.Channels.Delivery;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Cap;

/// <summary>
/// The CAP feed is built in: delivering a post records it, and <see cref="Feeds.PublicStatements"/> then holds the
/// statement's CAP message (Alert, Update for corrections and later statements, Cancel for retractions).
/// Only public warnings of normal visibility go out as CAP.
/// </summary>
public sealed class CapAdapter(PublicLinks links) : IChannelAdapter
{
    public bool IsIdempotent => true;

    public Task<DeliveryResult> SendAsync(ChannelMessage message, CancellationToken cancellationToken)
    {
        var incident = message.Incident;
        if (incident.Visibility != Visibility.Normal)
            return Task.FromResult(DeliveryResult.Permanent("Restricted incidents are never published as CAP."));
        if (!incident.IsPublicWarning)
            return Task.FromResult(DeliveryResult.Permanent($"Incident {incident.Code} is not flagged as a public warning; CAP carries public warnings only."));
        return Task.FromResult(DeliveryResult.Delivered(
            CapDocuments.Identifier(incident.Code, message.Statement.Id), links.CapMessage(message.Statement.Id)?.ToString()));
    }
}
