using System.ComponentModel.DataAnnotations;

namespace CrisisCenter.Web.LiveTimeline;

/// <summary>Section "LiveTimeline": how much the live timeline holds for each connection. Validated at start.</summary>
public sealed class LiveTimelineOptions
{
    public const string Section = "LiveTimeline";

    /// <summary>
    /// Messages waiting to be written to one connection. A client that falls this far behind is disconnected and
    /// resumes from its last position, so a slow client costs bounded memory and never slows the others.
    /// </summary>
    [Range(1, 100_000)]
    public int OutboxCapacity { get; set; } = 1_000;

    /// <summary>Incidents, regions, agencies and the board one connection may follow at once.</summary>
    [Range(1, 1_000)]
    public int MaxJoinsPerConnection { get; set; } = 64;

    /// <summary>Entries read from the read model at a time while sending what a joining client missed.</summary>
    [Range(1, 1_000)]
    public int BacklogPageSize { get; set; } = 200;

    /// <summary>
    /// How long a join waits for this node's read models to reach the position the client already saw (it may have
    /// seen it on another node) or to finish their rebuild at start, before answering from what the node has.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CatchUpWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often open connections have their session checked again: a user disabled (or whose password or roles
    /// changed) on any node loses their live connections within this time, as their API tokens stop at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan SessionRecheckInterval { get; set; } = TimeSpan.FromSeconds(5);
}
