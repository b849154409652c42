using CrisisCenter.Application.Projections;

namespace CrisisCenter.Web.LiveTimeline;

/// <summary>One server → client call: the method, its single argument and the global position it reports.</summary>
internal readonly record struct LiveMessage(string Method, object Payload, long Position, Guid IncidentId)
{
    public static LiveMessage Timeline(TimelineEntry entry) =>
        new(TimelineHubContract.TimelineMethod, entry, entry.Position, entry.IncidentId);

    public static LiveMessage Board(IncidentSummary summary) =>
        new(TimelineHubContract.BoardMethod, summary, summary.LastPosition, summary.Id);

    public bool IsTimeline => Method == TimelineHubContract.TimelineMethod;
}

/// <summary>What waits in a connection's outbox.</summary>
internal abstract record Outbound;

/// <summary>A live message for the joins of one connection it matched (sent once even when it matched several).</summary>
internal sealed record LiveDelivery(LiveMessage Message, IReadOnlyList<LiveJoin> Joins) : Outbound;

/// <summary>"Send what this join missed": expanded only when the sender reaches it, page by page from the read
/// models, so a long history never sits in the outbox.</summary>
internal sealed record BacklogDelivery(LiveJoin Join) : Outbound;
