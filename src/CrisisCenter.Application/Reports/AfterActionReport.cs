using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Reports;

/// <summary>
/// Everything that happened in one incident, for leadership and auditors, built from its stored events. Every fact
/// carries the global <c>Position</c> of the event that recorded it; the KPIs come with the <see cref="KpiEvidence"/>
/// samples (event positions) they were computed from. <see cref="LastPosition"/> and <see cref="EventCount"/> say how
/// much of the stream the report covers; <see cref="AsOf"/> is the time of its latest event.
/// </summary>
public sealed record AfterActionReport(
    Guid IncidentId,
    string Code,
    string Title,
    string Description,
    IncidentCategory Category,
    Severity Severity,
    IncidentStatus Status,
    IReadOnlyList<string> Regions,
    string LeadAgency,
    IReadOnlyList<string> ParticipatingAgencies,
    Visibility Visibility,
    DateTimeOffset DeclaredAt,
    string DeclaredBy,
    DateTimeOffset AsOf,
    long LastPosition,
    int EventCount,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<ReportStatement> Statements,
    IReadOnlyList<ReportPost> ChannelPosts,
    IReadOnlyList<ReportRumor> Rumors,
    IncidentKpiReport Kpis,
    IncidentKpiEvidence KpiEvidence);

/// <summary>A recorded act: who, when, and the global position of the event.</summary>
public sealed record Recorded(string By, DateTimeOffset At, long Position);

public sealed record ReportStatement(
    Guid StatementId,
    StatementKind Kind,
    StatementStatus Status,
    Guid? ReferencesStatementId,
    Guid? ReferencesRumorId,
    IReadOnlyList<ReportRevision> Revisions,
    IReadOnlyList<ReportRejection> Rejections,
    ReportPublication? Publication,
    ReportSupersession? SupersededBy);

/// <summary>
/// One revision with its text in every language, its content hash, its submission and approvals, and
/// <see cref="Changes"/>: the word differences from the previous revision (empty for revision 1).
/// </summary>
public sealed record ReportRevision(
    int Number,
    Recorded Written,
    string ContentHash,
    IReadOnlyDictionary<Language, StatementText> Content,
    IReadOnlyList<FieldChange> Changes,
    Recorded? Submitted,
    IReadOnlyList<ReportApproval> Approvals);

/// <summary>How one field (headline, body, instruction) of one language changed between two revisions.</summary>
public sealed record FieldChange(Language Language, string Field, IReadOnlyList<DiffSpan> Spans);

public sealed record ReportApproval(Recorded Approved, int Revision, string ContentHash, int ApprovalsSoFar, int ApprovalsRequired);

public sealed record ReportRejection(Recorded Rejected, int Revision, string Reason);

public sealed record ReportPublication(Recorded Published, int Revision, string ContentHash, IReadOnlyList<string> Channels, DateTimeOffset? NotBefore);

/// <summary>The published Correction or Retraction that superseded a statement.</summary>
public sealed record ReportSupersession(Guid StatementId, StatementKind Kind, DateTimeOffset At, long Position);

public sealed record ReportPost(
    Guid PostId,
    Guid StatementId,
    int Revision,
    string Channel,
    Language Language,
    ChannelPostAction Action,
    Guid? OriginalPostId,
    Recorded Scheduled,
    DateTimeOffset? NotBefore,
    ChannelPostStatus Status,
    IReadOnlyList<PostOutcome> Outcomes);

/// <summary>One recorded delivery outcome: Delivered, Failed, Abandoned or Uncertain.</summary>
public sealed record PostOutcome(string Outcome, int Attempt, DateTimeOffset At, long Position, string? ExternalId, string? Url, string? Error, DateTimeOffset? NextRetryAt);

public sealed record ReportRumor(
    Guid RumorId,
    string Claim,
    string WhereSeen,
    string? Link,
    DateTimeOffset FirstSeenAt,
    long? EstimatedReach,
    Recorded Logged,
    RumorStatus Status,
    IReadOnlyList<RumorAssessment> Assessments,
    RumorRebuttal? Rebuttal,
    RumorClosing? Closed);

public sealed record RumorAssessment(Recorded Assessed, RumorVerdict Verdict, string Evidence);

/// <summary><see cref="Delay"/> runs from the rumour being logged to the rebuttal's publication.</summary>
public sealed record RumorRebuttal(Guid StatementId, int Revision, DateTimeOffset At, long Position, TimeSpan Delay);

public sealed record RumorClosing(Recorded Closed, string Reason);
