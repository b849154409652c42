using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace CrisisCenter.Web.LiveTimeline;

/// <summary>
/// SignalR's default (in-process) lifetime manager for the <see cref="TimelineHub"/>, which also remembers each open
/// connection's <see cref="HubConnectionContext"/>, so a connection's outbox can write a message that was framed once
/// for all its followers (<see cref="LivePayloads.Frame"/>) the way SignalR's own group and broadcast sends do,
/// instead of a per-connection send that frames the message again for every connection.
/// </summary>
public sealed class TimelineConnections(ILogger<DefaultHubLifetimeManager<TimelineHub>> logger) : DefaultHubLifetimeManager<TimelineHub>(logger)
{
    private readonly ConcurrentDictionary<string, HubConnectionContext> _open = new(StringComparer.Ordinal);

    /// <summary>The open connection with this id, or null once it is gone.</summary>
    internal HubConnectionContext? Find(string connectionId) => _open.GetValueOrDefault(connectionId);

    public override Task OnConnectedAsync(HubConnectionContext connection)
    {
        _open[connection.ConnectionId] = connection;
        return base.OnConnectedAsync(connection);
    }

    public override Task OnDisconnectedAsync(HubConnectionContext connection)
    {
        _open.TryRemove(connection.ConnectionId, out _);
        return base.OnDisconnectedAsync(connection);
    }
}
