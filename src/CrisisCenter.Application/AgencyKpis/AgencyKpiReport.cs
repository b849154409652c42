using CrisisCenter.Application.Projections;

namespace CrisisCenter.Application.AgencyKpis;

/// <summary>
/// The measures of every incident an agency led that was declared in [<see cref="From"/>, <see cref="To"/>), pooled:
/// medians and p90s are over all the incidents' samples (not medians of medians). <see cref="TimeToFirstPublicStatement"/>
/// has one sample per incident that published anything.
/// </summary>
public sealed record AgencyKpiReport(
    string Agency,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<Guid> Incidents,
    DurationStats TimeToFirstPublicStatement,
    DurationStats ApprovalTurnaround,
    DurationStats RumorLoggedToRebutted,
    int RumorsLogged,
    int PublishedStatements,
    int CorrectionsPublished,
    int RetractionsPublished,
    IReadOnlyList<AgencyChannelStats> Channels);

/// <summary>
/// Deliveries on one channel across the agency's incidents. <see cref="AttemptFailureRate"/> = failed attempts /
/// (failed attempts + deliveries), null when nothing was attempted; <see cref="UndeliveredPosts"/> = abandoned +
/// uncertain posts (those that need an operator).
/// </summary>
public sealed record AgencyChannelStats(
    string Channel,
    int Posts,
    int Delivered,
    int FailedAttempts,
    int UndeliveredPosts,
    double? AttemptFailureRate,
    DurationStats DeliveryLatency);
