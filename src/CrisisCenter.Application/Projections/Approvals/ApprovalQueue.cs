using System.Collections.Immutable;
using System.Text.Json;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// Statements in review, and for each approver the ones they can act on: of an incident their agency leads,
/// written by somebody else, not yet approved by them, oldest submission first.
/// </summary>
/// <remarks>
/// Until the first approval of a revision names how many approvals it needs, the count comes from the
/// <see cref="IncidentPolicy"/> and the incident's current severity, as the domain decides it. Approval expiry
/// (<see cref="IncidentPolicy.ApprovalValidity"/>) needs a clock and is not reflected: the domain still refuses an
/// expired approval at publication.
/// </remarks>
public sealed class ApprovalQueue(IncidentPolicy policy) : IRestorableProjection
{
    private Snapshot _snapshot = Snapshot.Empty;

    /// <summary>What <paramref name="userId"/>, an approver of <paramref name="agencyCode"/>, may approve now. The caller checks the role.</summary>
    public IReadOnlyList<PendingApproval> For(string userId, string agencyCode) =>
        InReview(approval =>
            string.Equals(approval.LeadAgency, agencyCode, StringComparison.Ordinal)
            && !approval.Authors.Contains(userId, StringComparer.Ordinal)
            && !approval.ApprovedBy.Contains(userId, StringComparer.Ordinal));

    /// <summary>Every statement in review (of one incident when <paramref name="incidentId"/> is given), oldest submission first.</summary>
    public IReadOnlyList<PendingApproval> InReview(Guid? incidentId = null) =>
        InReview(approval => incidentId is not { } id || approval.IncidentId == id);

    private List<PendingApproval> InReview(Func<PendingApproval, bool> include)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        return snapshot.Statements.Values
            .Where(statement => statement.Status == StatementStatus.InReview)
            .Select(statement => ToPendingApproval(statement, snapshot.Incidents.GetValueOrDefault(statement.IncidentId)))
            .OfType<PendingApproval>()
            .Where(include)
            .OrderBy(approval => approval.SubmittedAt)
            .ThenBy(approval => approval.StatementId)
            .ToList();
    }

    public string StateName => "approvals";

    /// <summary>The incident's header and its statements not yet published, or null when it has neither.</summary>
    public string? SaveIncident(Guid incidentId)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var header = snapshot.Incidents.GetValueOrDefault(incidentId);
        var statements = snapshot.Statements.Values.Where(s => s.IncidentId == incidentId).OrderBy(s => s.StatementId).ToList();
        return header is null && statements.Count == 0 ? null : JsonSerializer.Serialize(new SavedIncident(header, statements), ReadStoreJson.Options);
    }

    public void RestoreIncident(Guid incidentId, string state)
    {
        var saved = JsonSerializer.Deserialize<SavedIncident>(state, ReadStoreJson.Options) ?? throw new InvalidDataException($"An empty approval row for {incidentId}.");
        var snapshot = Volatile.Read(ref _snapshot);
        if (saved.Header is not null)
        {
            snapshot = snapshot.WithIncident(incidentId, saved.Header);
        }

        foreach (var statement in saved.Statements)
        {
            snapshot = snapshot.WithStatement(statement);
        }

        Volatile.Write(ref _snapshot, snapshot);
    }

    public void Clear() => Volatile.Write(ref _snapshot, Snapshot.Empty);

    public void Apply(ProjectedEvent e)
    {
        var current = Volatile.Read(ref _snapshot);
        var next = e.Event switch
        {
            IncidentDeclared x => current.WithIncident(x.IncidentId, new IncidentHeader(x.Code, x.Title, x.Severity, x.LeadAgency)),
            IncidentDetailsAmended x => current.ChangeIncident(x.IncidentId, h => h with { Title = x.Title }),
            IncidentSeverityChanged x => current.ChangeIncident(x.IncidentId, h => h with { Severity = x.To }),

            StatementDrafted x => current.WithStatement(new TrackedStatement(
                x.IncidentId, x.StatementId, x.Kind, StatementStatus.Draft, x.Revision, x.ContentHash, x.By, [x.By])),
            StatementRevised x => current.ChangeStatement(x.StatementId, s => s with
            {
                Status = StatementStatus.Draft, Revision = x.Revision, ContentHash = x.ContentHash, Author = x.By,
                Authors = s.Authors.Contains(x.By) ? s.Authors : s.Authors.Add(x.By), SubmittedBy = null, SubmittedAt = null, ApprovedBy = [], ApprovalsRequired = null,
            }),
            StatementSubmitted x => current.ChangeStatement(x.StatementId, s => s with
            {
                Status = StatementStatus.InReview, SubmittedBy = x.By, SubmittedAt = x.At, ApprovedBy = [], ApprovalsRequired = null,
            }),
            StatementApproved x => current.ChangeStatement(x.StatementId, s => s with
            {
                Status = x.ApprovalsSoFar >= x.ApprovalsRequired ? StatementStatus.Approved : StatementStatus.InReview,
                ApprovedBy = s.ApprovedBy.Contains(x.By) ? s.ApprovedBy : s.ApprovedBy.Add(x.By),
                ApprovalsRequired = x.ApprovalsRequired,
            }),
            StatementApprovalRequirementChanged x => current.ChangeStatement(x.StatementId, s => s with
            {
                Status = x.ApprovalsSoFar >= x.ApprovalsRequired ? StatementStatus.Approved : StatementStatus.InReview,
                ApprovalsRequired = x.ApprovalsRequired,
            }),
            StatementRejected x => current.ChangeStatement(x.StatementId, s => s with { Status = StatementStatus.Rejected }),

            // A published statement never comes back to review (corrections are new statements): forget it.
            StatementPublished x => current with { Statements = current.Statements.Remove(x.StatementId) },
            _ => current,
        };

        if (!ReferenceEquals(next, current))
        {
            Volatile.Write(ref _snapshot, next);
        }
    }

    private PendingApproval? ToPendingApproval(TrackedStatement s, IncidentHeader? incident) =>
        incident is null || s.SubmittedAt is not { } submittedAt
            ? null
            : new PendingApproval(
                s.IncidentId, incident.Code, incident.Title, incident.Severity, incident.LeadAgency, s.StatementId, s.Kind,
                s.Revision, s.ContentHash, s.Author, s.Authors, s.SubmittedBy ?? s.Author, submittedAt, s.ApprovedBy,
                s.ApprovalsRequired ?? policy.ApprovalsRequiredFor(incident.Severity));

    private sealed record SavedIncident(IncidentHeader? Header, List<TrackedStatement> Statements);

    private sealed record IncidentHeader(string Code, string Title, Severity Severity, string LeadAgency);

    private sealed record TrackedStatement(
        Guid IncidentId,
        Guid StatementId,
        StatementKind Kind,
        StatementStatus Status,
        int Revision,
        string ContentHash,
        string Author,
        ImmutableList<string> Authors)
    {
        public string? SubmittedBy { get; init; }
        public DateTimeOffset? SubmittedAt { get; init; }
        public ImmutableList<string> ApprovedBy { get; init; } = [];

        /// <summary>Null until an event of this revision states it.</summary>
        public int? ApprovalsRequired { get; init; }
    }

    private sealed record Snapshot(ImmutableDictionary<Guid, IncidentHeader> Incidents, ImmutableDictionary<Guid, TrackedStatement> Statements)
    {
        public static Snapshot Empty { get; } = new(ImmutableDictionary<Guid, IncidentHeader>.Empty, ImmutableDictionary<Guid, TrackedStatement>.Empty);

        public Snapshot WithIncident(Guid id, IncidentHeader header) => this with { Incidents = Incidents.SetItem(id, header) };

        public Snapshot ChangeIncident(Guid id, Func<IncidentHeader, IncidentHeader> change) =>
            Incidents.TryGetValue(id, out var header) ? WithIncident(id, change(header)) : this;

        public Snapshot WithStatement(TrackedStatement statement) => this with { Statements = Statements.SetItem(statement.StatementId, statement) };

        public Snapshot ChangeStatement(Guid id, Func<TrackedStatement, TrackedStatement> change) =>
            Statements.TryGetValue(id, out var statement) ? WithStatement(change(statement)) : this;
    }
}
