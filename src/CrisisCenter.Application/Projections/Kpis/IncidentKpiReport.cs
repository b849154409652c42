namespace CrisisCenter.Application.Projections;

/// <summary>
/// The measures of one incident, all from event times (never a clock), as of <see cref="AsOf"/> (the latest event
/// time folded in). <see cref="ApprovalTurnaround"/> runs from a revision's submission to the approval (or lowered
/// requirement) that made it approved; <see cref="FirstStatementPublishedAt"/> (and <see cref="TimeToFirstPublicStatement"/>)
/// is when the first post of any statement was Delivered, the moment the public could read it, not when publishing was
/// asked for; <see cref="RumorLoggedToRebutted"/> from a rumour's logging to its rebuttal.
/// <see cref="PublishedStatements"/> counts statements published, of which <see cref="CorrectionsPublished"/> are
/// Corrections and <see cref="RetractionsPublished"/> Retractions; <see cref="SituationUpdateCorrections"/> counts
/// corrected situation updates.
/// </summary>
public sealed record IncidentKpiReport(
    Guid IncidentId,
    string Code,
    DateTimeOffset DeclaredAt,
    DateTimeOffset AsOf,
    DateTimeOffset? FirstStatementPublishedAt,
    TimeSpan? TimeToFirstPublicStatement,
    DurationStats ApprovalTurnaround,
    int RumorsLogged,
    int OpenRumors,
    DurationStats RumorLoggedToRebutted,
    int PublishedStatements,
    int CorrectionsPublished,
    int RetractionsPublished,
    int SituationUpdateCorrections,
    IReadOnlyList<ChannelDeliveryStats> Channels);
