using System.Collections.Immutable;
using System.Text.Json;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// The list of incidents with what a coordinator scans for: status, severity, where, who leads, open work.
/// Fed by the <see cref="ProjectionHost"/>; queries read an immutable snapshot. One row per incident (bounded by
/// incidents, not events): kept in memory, restored from the read store at start.
/// </summary>
public sealed class IncidentBoard : IRestorableProjection
{
    private ImmutableDictionary<Guid, Row> _rows = ImmutableDictionary<Guid, Row>.Empty;

    public int Count => Volatile.Read(ref _rows).Count;

    /// <summary>Every row, in no particular order (for the reminders that scan the whole board).</summary>
    public IReadOnlyList<IncidentSummary> All() => [.. Volatile.Read(ref _rows).Values.Select(row => row.Summary)];

    public IncidentSummary? Find(Guid incidentId) => Volatile.Read(ref _rows).GetValueOrDefault(incidentId)?.Summary;

    /// <summary>
    /// Incidents matching <paramref name="query"/> that <paramref name="canSee"/> lets the caller see (the caller
    /// decides restricted visibility), latest activity first, one page of them.
    /// </summary>
    public Page<IncidentSummary> Query(IncidentBoardQuery query, Func<IncidentSummary, bool> canSee)
    {
        var size = Math.Clamp(query.PageSize, 1, IncidentBoardQuery.MaxPageSize);
        var number = Math.Max(1, query.Page);
        var matches = Volatile.Read(ref _rows).Values
            .Select(row => row.Summary)
            .Where(summary => query.Matches(summary) && canSee(summary))
            .OrderByDescending(summary => summary.LastActivityAt)
            .ThenByDescending(summary => summary.LastPosition)
            .ToList();
        var items = matches.Skip((int)Math.Min(int.MaxValue, (long)(number - 1) * size)).Take(size).ToList();
        return new Page<IncidentSummary>(items, number, size, matches.Count);
    }

    public string StateName => "board";

    public string? SaveIncident(Guid incidentId) =>
        Volatile.Read(ref _rows).TryGetValue(incidentId, out var row) ? JsonSerializer.Serialize(row, ReadStoreJson.Options) : null;

    public void RestoreIncident(Guid incidentId, string state)
    {
        var row = JsonSerializer.Deserialize<Row>(state, ReadStoreJson.Options) ?? throw new InvalidDataException($"An empty board row for {incidentId}.");
        Volatile.Write(ref _rows, Volatile.Read(ref _rows).SetItem(incidentId, row));
    }

    public void Clear() => Volatile.Write(ref _rows, ImmutableDictionary<Guid, Row>.Empty);

    public void Apply(ProjectedEvent e)
    {
        var rows = Volatile.Read(ref _rows);
        Row? next;
        if (e.Event is IncidentDeclared declared)
        {
            next = Declared(declared, e);
        }
        else if (rows.TryGetValue(e.IncidentId, out var row))
        {
            next = Evolve(row, e.Event).Touched(e);
        }
        else
        {
            // An event of an incident whose declaration this board never saw: nothing to show it on.
            return;
        }

        Volatile.Write(ref _rows, rows.SetItem(e.IncidentId, next));
    }

    private static Row Declared(IncidentDeclared x, ProjectedEvent e) => new(
        new IncidentSummary(
            x.IncidentId, x.Code, x.Title, IncidentStatus.Active, x.Severity, x.Category, [.. x.Regions], x.LeadAgency,
            [.. x.ParticipatingAgencies], x.Visibility, x.IsPublicWarning, x.At, x.At, e.Revision, e.Position, 0, 0, 0),
        [], [], []);

    private static Row Evolve(Row row, IncidentEvent @event) => @event switch
    {
        IncidentDetailsAmended x => row.With(s => s with { Title = x.Title, Category = x.Category, Regions = [.. x.Regions] }),
        IncidentSeverityChanged x => row.With(s => s with { Severity = x.To }),
        AgencyJoinedIncident x => row.With(s => s with
        {
            ParticipatingAgencies = s.ParticipatingAgencies.Contains(x.AgencyCode, StringComparer.Ordinal)
                ? s.ParticipatingAgencies
                : [.. s.ParticipatingAgencies, x.AgencyCode],
        }),
        AgencyLeftIncident x => row.With(s => s with
        {
            ParticipatingAgencies = [.. s.ParticipatingAgencies.Where(a => !string.Equals(a, x.AgencyCode, StringComparison.Ordinal))],
        }),
        IncidentStabilized => row.With(s => s with { Status = IncidentStatus.Stabilized }),
        IncidentClosed => row.With(s => s with { Status = IncidentStatus.Closed }),
        IncidentReopened => row.With(s => s with { Status = IncidentStatus.Active }),

        StatementDrafted x => row with { InReview = row.InReview.Remove(x.StatementId) },
        StatementRevised x => row with { InReview = row.InReview.Remove(x.StatementId) },
        StatementSubmitted x => row with { InReview = row.InReview.Add(x.StatementId) },
        StatementApproved x => row.Reviewing(x.StatementId, x.ApprovalsSoFar < x.ApprovalsRequired),
        StatementApprovalRequirementChanged x => row.Reviewing(x.StatementId, x.ApprovalsSoFar < x.ApprovalsRequired),
        StatementRejected x => row with { InReview = row.InReview.Remove(x.StatementId) },
        StatementPublished x => (row with { InReview = row.InReview.Remove(x.StatementId), Published = row.Published.Add(x.StatementId) })
            .With(s => s with { LastPublishedAt = x.At, UpdateOverdueSince = null }),
        IncidentUpdateOverdue x => row.With(s => s with
        {
            UpdateOverdueSince = s.UpdateOverdueSince ?? x.DueAt,
            LatestMissedUpdateDueAt = s.LatestMissedUpdateDueAt is { } latest && latest > x.DueAt ? latest : x.DueAt,
        }),

        RumorLogged x => row with { OpenRumors = row.OpenRumors.Add(x.RumorId) },
        RumorRebutted x => row with { OpenRumors = row.OpenRumors.Remove(x.RumorId) },
        RumorClosed x => row with { OpenRumors = row.OpenRumors.Remove(x.RumorId) },

        _ => row,
    };

    /// <summary>The summary plus the ids behind its counters (so a repeated fact is not counted twice).</summary>
    private sealed record Row(
        IncidentSummary Summary,
        ImmutableHashSet<Guid> InReview,
        ImmutableHashSet<Guid> Published,
        ImmutableHashSet<Guid> OpenRumors)
    {
        public Row With(Func<IncidentSummary, IncidentSummary> change) => this with { Summary = change(Summary) };

        public Row Reviewing(Guid statementId, bool needsMoreApprovals) =>
            this with { InReview = needsMoreApprovals ? InReview.Add(statementId) : InReview.Remove(statementId) };

        public Row Touched(ProjectedEvent e) => With(s => s with
        {
            LastActivityAt = e.Event.At > s.LastActivityAt ? e.Event.At : s.LastActivityAt,
            Revision = e.Revision,
            LastPosition = e.Position,
            OpenRumors = OpenRumors.Count,
            PublishedStatements = Published.Count,
            StatementsAwaitingApproval = InReview.Count,
        });
    }
}
