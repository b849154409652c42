using System.Collections.Immutable;

namespace CrisisCenter.Domain;

public static partial class Incident
{
    private static IncidentState StatementDrafted(IncidentState state, StatementDrafted e)
    {
        var revision = new StatementRevision(e.Revision, e.Content.ToImmutableDictionary(), e.ContentHash, e.By, e.At);
        var statement = new StatementState(
            e.StatementId, e.Kind, e.ReferencesStatementId, e.ReferencesRumorId, StatementStatus.Draft, [revision]);
        return state with { Statements = state.Statements.Add(e.StatementId, statement) };
    }

    private static IncidentState StatementRevised(IncidentState state, StatementRevised e) =>
        UpdateStatement(state, e.StatementId, statement => statement with
        {
            Status = StatementStatus.Draft,
            Revisions = statement.Revisions.Add(
                new StatementRevision(e.Revision, e.Content.ToImmutableDictionary(), e.ContentHash, e.By, e.At)),
        });

    private static IncidentState StatementSubmitted(IncidentState state, StatementSubmitted e) =>
        UpdateStatement(state, e.StatementId, statement => statement with
        {
            Status = StatementStatus.InReview,
            Revisions = statement.Revisions.SetItem(
                statement.Revisions.Count - 1,
                statement.Current with { SubmittedBy = e.By, SubmittedAt = e.At }),
        });

    private static IncidentState StatementApproved(IncidentState state, StatementApproved e) =>
        UpdateStatement(state, e.StatementId, statement => statement with
        {
            Status = e.ApprovalsSoFar >= e.ApprovalsRequired ? StatementStatus.Approved : StatementStatus.InReview,
            Revisions = statement.Revisions.SetItem(
                statement.Revisions.Count - 1,
                statement.Current with
                {
                    Approvals = statement.Current.Approvals.Add(new Approval(e.By, e.Revision, e.ContentHash, e.At)),
                }),
        });

    private static IncidentState StatementApprovalRequirementChanged(
        IncidentState state, StatementApprovalRequirementChanged e) =>
        UpdateStatement(state, e.StatementId, statement => statement with
        {
            Status = e.ApprovalsSoFar >= e.ApprovalsRequired ? StatementStatus.Approved : StatementStatus.InReview,
        });

    private static IncidentState StatementRejected(IncidentState state, StatementRejected e) =>
        UpdateStatement(state, e.StatementId, statement => statement with
        {
            Status = StatementStatus.Rejected,
            Rejections = statement.Rejections.Add(new StatementRejection(e.By, e.Revision, e.Reason, e.At)),
        });

    private static IncidentState StatementPublished(IncidentState state, StatementPublished e)
    {
        var published = UpdateStatement(state, e.StatementId, statement => statement with
        {
            Status = StatementStatus.Published, PublishedRevision = e.Revision, PublishedAt = e.At,
        }) with { LastPublishedAt = e.At };

        // Publishing a Correction or Retraction supersedes the statement it references.
        var statement = published.Statements[e.StatementId];
        var supersededStatus = statement.Kind switch
        {
            StatementKind.Correction => StatementStatus.Corrected,
            StatementKind.Retraction => StatementStatus.Retracted,
            _ => (StatementStatus?)null,
        };
        return supersededStatus is { } status && statement.ReferencesStatementId is { } originalId
            ? UpdateStatement(published, originalId, original => original with { Status = status, SupersededBy = e.StatementId })
            : published;
    }

    private static IncidentState UpdateStatement(
        IncidentState state, Guid statementId, Func<StatementState, StatementState> change) =>
        state.Statements.TryGetValue(statementId, out var statement)
            ? state with { Statements = state.Statements.SetItem(statementId, change(statement)) }
            : state;
}
