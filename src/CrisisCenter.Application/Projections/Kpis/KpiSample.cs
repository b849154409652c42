namespace CrisisCenter.Application.Projections;

/// <summary>
/// One measured duration and the two stored events it runs between: from <see cref="From"/> (the event at global
/// position <see cref="FromPosition"/>, or a post's not-before time) to <see cref="To"/> (<see cref="ToPosition"/>).
/// <see cref="Subject"/> is what was measured (statement, rumour or post id); <see cref="Detail"/> a short qualifier
/// (the revision, the channel).
/// </summary>
public sealed record KpiSample(Guid Subject, string? Detail, DateTimeOffset From, long FromPosition, DateTimeOffset To, long ToPosition)
{
    public TimeSpan Duration => To - From;
}

/// <summary>The time from a post being ready to send to its first delivery, on <see cref="Channel"/>.</summary>
public sealed record ChannelLatencySample(string Channel, KpiSample Sample);

/// <summary>
/// The samples behind an <see cref="IncidentKpiReport"/>: every duration its statistics were computed from, and the
/// positions of the published corrections and retractions it counts. Lets a report (or an auditor) trace each figure
/// to stored events, and lets KPIs over many incidents be computed from the samples rather than from medians.
/// </summary>
public sealed record IncidentKpiEvidence(
    Guid IncidentId,
    KpiSample? FirstPublicStatement,
    IReadOnlyList<KpiSample> ApprovalTurnarounds,
    IReadOnlyList<KpiSample> RumorLoggedToRebutted,
    IReadOnlyList<ChannelLatencySample> DeliveryLatencies,
    IReadOnlyList<long> CorrectionPositions,
    IReadOnlyList<long> RetractionPositions);
