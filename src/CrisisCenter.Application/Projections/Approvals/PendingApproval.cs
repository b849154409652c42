using CrisisCenter.Domain;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// A statement revision waiting for approvals. <see cref="Revision"/> and <see cref="ContentHash"/> are what an
/// approval must name; <see cref="Author"/> wrote the current revision, <see cref="Authors"/> every revision (none of
/// them may approve); <see cref="ApprovedBy"/> holds the approvers of this revision so far, in order.
/// </summary>
public sealed record PendingApproval(
    Guid IncidentId,
    string IncidentCode,
    string IncidentTitle,
    Severity Severity,
    string LeadAgency,
    Guid StatementId,
    StatementKind Kind,
    int Revision,
    string ContentHash,
    string Author,
    IReadOnlyList<string> Authors,
    string SubmittedBy,
    DateTimeOffset SubmittedAt,
    IReadOnlyList<string> ApprovedBy,
    int ApprovalsRequired)
{
    public int ApprovalsMissing => Math.Max(0, ApprovalsRequired - ApprovedBy.Count);
}
