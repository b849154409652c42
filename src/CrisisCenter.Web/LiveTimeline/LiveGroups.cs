namespace CrisisCenter.Web.LiveTimeline;

/// <summary>
/// Names of the groups the <see cref="TimelineBroadcaster"/> routes by. They are the broadcaster's own groups, not
/// SignalR's: a join has to be ordered against the live entries of its group (see <see cref="LiveConnection"/>), which
/// SignalR's group sends cannot be.
/// </summary>
public static class LiveGroups
{
    /// <summary>Board rows of incidents of normal visibility.</summary>
    public const string PublicBoard = "board:public";

    public static string Incident(Guid incidentId) => $"incident:{incidentId:D}";

    public static string Region(string regionCode) => "region:" + regionCode;

    public static string Agency(string agencyCode) => "agency:" + agencyCode;

    /// <summary>Board rows of restricted incidents the agency leads or takes part in.</summary>
    public static string AgencyBoard(string agencyCode) => "board:agency:" + agencyCode;
}
