using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;

namespace CrisisCenter.Application.Incidents;

/// <summary>Read shapes of one incident for the API and the dashboard, made from the grain's state.</summary>
public sealed record IncidentDetail(
    Guid Id, string Code, string Title, string Description, IncidentCategory Category, Severity Severity, IncidentStatus Status,
    IReadOnlyList<string> Regions, string LeadAgency, IReadOnlyList<string> ParticipatingAgencies, Visibility Visibility,
    IReadOnlyList<Language> RequiredLanguages, bool IsPublicWarning, DateTimeOffset DeclaredAt, string DeclaredBy,
    int ApprovalsRequired, long Revision, long Position,
    IReadOnlyList<StatementView> Statements, IReadOnlyList<SituationUpdate> SituationUpdates, IReadOnlyList<RumorState> Rumors);

public sealed record StatementView(
    Guid Id, StatementKind Kind, StatementStatus Status, Guid? ReferencesStatementId, Guid? ReferencesRumorId,
    int CurrentRevision, int? PublishedRevision, DateTimeOffset? PublishedAt, Guid? SupersededBy,
    IReadOnlyList<RevisionView> Revisions, IReadOnlyList<StatementRejection> Rejections, IReadOnlyList<ChannelPostState> Posts);

public sealed record RevisionView(
    int Number, IReadOnlyDictionary<Language, StatementText> Content, string ContentHash, string Author, DateTimeOffset At,
    string? SubmittedBy, DateTimeOffset? SubmittedAt, IReadOnlyList<Approval> Approvals);

public static class IncidentViews
{
    public static IncidentDetail ToDetail(this IncidentSnapshot snapshot, IncidentPolicy policy)
    {
        var s = snapshot.State;
        return new IncidentDetail(
            s.Id, s.Code, s.Title, s.Description, s.Category, s.Severity, s.Status, s.Regions, s.LeadAgency, s.ParticipatingAgencies,
            s.Visibility, s.RequiredLanguages, s.IsPublicWarning, s.DeclaredAt, s.DeclaredBy, policy.ApprovalsRequiredFor(s.Severity),
            snapshot.Revision, snapshot.Position,
            [.. s.Statements.Values.OrderBy(st => st.Revisions[0].At).Select(st => st.ToView(s))],
            [.. s.SituationUpdates.Values.OrderBy(u => u.LoggedAt)],
            [.. s.Rumors.Values.OrderBy(r => r.LoggedAt)]);
    }

    public static StatementView ToView(this StatementState statement, IncidentState incident) => new(
        statement.Id, statement.Kind, statement.Status, statement.ReferencesStatementId, statement.ReferencesRumorId,
        statement.Current.Number, statement.PublishedRevision, statement.PublishedAt, statement.SupersededBy,
        [.. statement.Revisions.Select(r => new RevisionView(r.Number, r.Content, r.ContentHash, r.Author, r.At, r.SubmittedBy, r.SubmittedAt, r.Approvals))],
        statement.Rejections,
        [.. statement.PostIds.Select(id => incident.ChannelPosts.GetValueOrDefault(id)).OfType<ChannelPostState>()]);
}
