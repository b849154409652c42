namespace CrisisCenter.Application.Projections;

/// <summary>The short kinds of <see cref="TimelineEntry.Kind"/>: what the dashboard groups, filters and styles by.</summary>
public static class TimelineKinds
{
    public const string Incident = "incident";
    public const string SituationUpdate = "situation-update";
    public const string Statement = "statement";
    public const string Approval = "approval";
    public const string ChannelPost = "channel-post";
    public const string Rumor = "rumor";

    public static IReadOnlyList<string> All { get; } = [Incident, SituationUpdate, Statement, Approval, ChannelPost, Rumor];
}
