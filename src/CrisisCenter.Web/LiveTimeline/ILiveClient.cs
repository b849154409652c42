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

/// <summary>A SignalR connection of the <see cref="TimelineHub"/>; payloads go out as JSON made once for every
/// connection they reach (<see cref="LivePayloads"/>).</summary>
internal sealed class HubLiveClient(ISingleClientProxy proxy, HubCallerContext context, LivePayloads payloads) : ILiveClient
{
    public Task SendAsync(string method, object payload, CancellationToken cancellationToken) =>
        proxy.SendAsync(method, payloads.For(payload), cancellationToken);

    public void Abort() => context.Abort();
}
