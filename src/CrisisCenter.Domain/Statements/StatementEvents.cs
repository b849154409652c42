namespace CrisisCenter.Domain;

/// <summary>Revision 1 of a new statement.</summary>
[EventType("statement.drafted.v1")]
public sealed record StatementDrafted(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid StatementId,
    StatementKind Kind,
    int Revision,
    IReadOnlyDictionary<Language, StatementText> Content,
    string ContentHash,
    Guid? ReferencesStatementId,
    Guid? ReferencesRumorId) : IncidentEvent(IncidentId, By, At);

/// <summary>A new revision; earlier approvals no longer count and the statement is a Draft again.</summary>
[EventType("statement.revised.v1")]
public sealed record StatementRevised(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid StatementId,
    int Revision,
    IReadOnlyDictionary<Language, StatementText> Content,
    string ContentHash) : IncidentEvent(IncidentId, By, At);

[EventType("statement.submitted.v1")]
public sealed record StatementSubmitted(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid StatementId,
    int Revision,
    string ContentHash) : IncidentEvent(IncidentId, By, At);

/// <summary>
/// One approver's approval. <paramref name="ApprovalsSoFar"/> counts the valid approvals of this revision including
/// this one; the statement is Approved once it reaches <paramref name="ApprovalsRequired"/>.
/// <paramref name="ConfirmedWith"/>: the second factor the approver's session was confirmed with ("otp"), null for a
/// password alone (and in approvals stored before second factors existed).
/// </summary>
[EventType("statement.approved.v1")]
public sealed record StatementApproved(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid StatementId,
    int Revision,
    string ContentHash,
    int ApprovalsSoFar,
    int ApprovalsRequired,
    string? ConfirmedWith = null) : IncidentEvent(IncidentId, By, At);

/// <summary>
/// A severity change altered how many approvals a statement in review (or approved, not yet published) needs;
/// it is Approved when <paramref name="ApprovalsSoFar"/> reaches <paramref name="ApprovalsRequired"/>, else InReview.
/// </summary>
[EventType("statement.approval_requirement_changed.v1")]
public sealed record StatementApprovalRequirementChanged(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid StatementId,
    int Revision,
    int ApprovalsSoFar,
    int ApprovalsRequired) : IncidentEvent(IncidentId, By, At);

[EventType("statement.rejected.v1")]
public sealed record StatementRejected(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid StatementId,
    int Revision,
    string Reason) : IncidentEvent(IncidentId, By, At);

/// <summary>Followed in the same decision by one <see cref="ChannelPostScheduled"/> per post it creates.</summary>
[EventType("statement.published.v1")]
public sealed record StatementPublished(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid StatementId,
    int Revision,
    string ContentHash,
    IReadOnlyList<string> Channels,
    DateTimeOffset? NotBefore) : IncidentEvent(IncidentId, By, At);
