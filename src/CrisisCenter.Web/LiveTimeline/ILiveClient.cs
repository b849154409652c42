using Microsoft.AspNetCore.SignalR;

namespace CrisisCenter.Web.LiveTimeline;

/// <summary>The far end of one connection, as the outbox sees it.</summary>
internal interface ILiveClient
{
    /// <summary>Completes once the message is written to the transport; it waits while the client does not read
    /// (transport back-pressure), which is what lets the outbox notice a slow client.</summary>
    Task SendAsync(string method, object payload, CancellationToken cancellationToken);

    /// <summary>Closes the connection; the client reconnects and resumes from the last position it saw.</summary>
    void Abort();
}

/// <summary>A SignalR connection of the <see cref="TimelineHub"/>; messages go out as frames made once for every
/// connection they reach (<see cref="LivePayloads.Frame"/>), written straight to the connection as SignalR's own
/// group sends do. Without its connection context (not known to <see cref="TimelineConnections"/>) it sends through
/// the hub's client proxy, with the payload's JSON made once.</summary>
internal sealed class HubLiveClient(ISingleClientProxy proxy, HubCallerContext context, LivePayloads payloads, HubConnectionContext? connection = null) : ILiveClient
{
    public Task SendAsync(string method, object payload, CancellationToken cancellationToken)
    {
        if (connection is null)
        {
            return proxy.SendAsync(method, payloads.For(payload), cancellationToken);
        }

        // A write that completed at once (the usual case) gives the cached completed task, no allocation.
        return connection.WriteAsync(payloads.Frame(method, payload), cancellationToken).AsTask();
    }

    public void Abort() => context.Abort();
}
