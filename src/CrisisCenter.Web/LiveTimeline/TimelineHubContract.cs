namespace CrisisCenter.Web.LiveTimeline;

/// <summary>
/// The names a client of the live timeline depends on: the hub's route and the methods the server calls on it.
/// Every message carries the global store position of what it reports (<c>entry.position</c>,
/// <c>summary.lastPosition</c>); a client that reconnects joins again with the last position it saw for that join.
/// </summary>
public static class TimelineHubContract
{
    public const string Route = "/hubs/timeline";

    /// <summary>Server → client: <c>timeline(TimelineEntry entry)</c>, one entry of an incident's timeline.</summary>
    public const string TimelineMethod = "timeline";

    /// <summary>Server → client: <c>board(IncidentSummary summary)</c>, one incident's row on the board as of <c>summary.lastPosition</c>.</summary>
    public const string BoardMethod = "board";
}
