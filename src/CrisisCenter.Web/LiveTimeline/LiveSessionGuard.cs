using CrisisCenter.Application.Accounts;
using CrisisCenter.Web.Auth;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Web.LiveTimeline;

/// <summary>
/// A SignalR connection keeps the identity it was opened with. Every <see cref="LiveTimelineOptions.SessionRecheckInterval"/>
/// this checks each open connection's session against the directory (which sees changes made on any node) and closes
/// those of users who were disabled or whose security stamp changed: their client's reconnect is then refused.
/// </summary>
internal sealed partial class LiveSessionGuard(
    TimelineBroadcaster broadcaster,
    AccountDirectory directory,
    IOptions<LiveTimelineOptions> options,
    TimeProvider clock,
    ILogger<LiveSessionGuard> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SessionRecheckInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await CloseStaleSessionsAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Closes the connections whose session is no longer current; returns how many.</summary>
    public async Task<int> CloseStaleSessionsAsync(CancellationToken cancellationToken)
    {
        var closed = 0;
        foreach (var connection in broadcaster.Connections())
        {
            bool current;
            try
            {
                current = await SessionValidation.IsCurrentAsync(connection.Principal, directory, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The directory could not be read (the store is down): keep the connection, check again next time.
                LogCheckFailed(e, connection.Id);
                continue;
            }
            if (current) continue;
            LogClosing(connection.Id, connection.Viewer.UserId);
            LiveTimelineTelemetry.Disconnects.Add(1, new KeyValuePair<string, object?>("reason", "session-ended"));
            connection.Abort();
            closed++;
        }
        return closed;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing live timeline connection {ConnectionId}: the session of user {UserId} has ended (disabled or credentials changed).")]
    private partial void LogClosing(string connectionId, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-check the session of live timeline connection {ConnectionId}.")]
    private partial void LogCheckFailed(Exception exception, string connectionId);
}
