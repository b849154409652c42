using System.Collections.Immutable;
using System.Text.Json;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// The list of incidents with what a coordinator scans for: status, severity, where, who leads, open work.
/// Fed by the <see cref="ProjectionHost"/>; queries read an immutable snapshot. One row per incident, restored from
/// the read store at start.
/// </summary>
/// <remarks>
/// With a <see cref="ReadStore"/> only the rows of incidents not closed stay in memory (what live work bounds): a closed
/// incident's row leaves memory once the batch that saved it is committed, and <see cref="Find"/> and <see cref="Query"/>
/// read it from the stored rows, so answers are the same as when every row was held. An event of a closed incident (a
/// reopening, a late delivery) takes its row back from the read store. Without a read store every row is in memory.
/// </remarks>
public sealed class IncidentBoard(ReadStore? store = null) : IRestorableProjection
{
    private ImmutableDictionary<Guid, Row> _rows = ImmutableDictionary<Guid, Row>.Empty;
    private readonly HashSet<Guid> _closedSinceCommit = [];

    /// <summary>Rows held in memory: every incident without a read store, the ones not closed with one.</summary>
    public int Count => Volatile.Read(ref _rows).Count;

    /// <summary>Every row held in memory, in no particular order (for the reminders that scan the open incidents; with a
    /// read store closed incidents are not among them).</summary>
    public IReadOnlyList<IncidentSummary> All() => [.. Volatile.Read(ref _rows).Values.Select(row => row.Summary)];

    public IncidentSummary? Find(Guid incidentId) =>
        (Volatile.Read(ref _rows).GetValueOrDefault(incidentId) ?? Stored(incidentId))?.Summary;

    /// <summary>
    /// Incidents matching <paramref name="query"/> that <paramref name="canSee"/> lets the caller see (the caller
    /// decides restricted visibility), latest activity first, one page of them.
    /// </summary>
    public Page<IncidentSummary> Query(IncidentBoardQuery query, Func<IncidentSummary, bool> canSee)
    {
        var size = Math.Clamp(query.PageSize, 1, IncidentBoardQuery.MaxPageSize);
        var number = Math.Max(1, query.Page);
        var held = Volatile.Read(ref _rows);
        var rows = held.Values.Select(row => row.Summary);
        if (store is not null && query.Status is null or IncidentStatus.Closed)
        {
            rows = rows.Concat(StoredClosed(held));
        }

        var matches = rows
            .Where(summary => query.Matches(summary) && canSee(summary))
            .OrderByDescending(summary => summary.LastActivityAt)
            .ThenByDescending(summary => summary.LastPosition)
            .ToList();
        var items = matches.Skip((int)Math.Min(int.MaxValue, (long)(number - 1) * size)).Take(size).ToList();
        return new Page<IncidentSummary>(items, number, size, matches.Count);
    }

    public string StateName => "board";

    public string? SaveIncident(Guid incidentId)
    {
        if (!Volatile.Read(ref _rows).TryGetValue(incidentId, out var row))
        {
            return null;
        }

        if (store is not null && row.Summary.Status == IncidentStatus.Closed)
        {
            _closedSinceCommit.Add(incidentId);
        }

        return JsonSerializer.Serialize(row, ReadStoreJson.Options);
    }

    /// <summary>The batch that saved them is committed: closed incidents' rows are read from the read store from now on.</summary>
    public void Committed()
    {
        if (_closedSinceCommit.Count == 0)
        {
            return;
        }

        var rows = Volatile.Read(ref _rows);
        foreach (var incidentId in _closedSinceCommit)
        {
            if (rows.TryGetValue(incidentId, out var row) && row.Summary.Status == IncidentStatus.Closed)
            {
                rows = rows.Remove(incidentId);
            }
        }

        _closedSinceCommit.Clear();
        Volatile.Write(ref _rows, rows);
    }

    public void RestoreIncident(Guid incidentId, string state)
    {
        var row = JsonSerializer.Deserialize<Row>(state, ReadStoreJson.Options) ?? throw new InvalidDataException($"An empty board row for {incidentId}.");
        if (store is not null && row.Summary.Status == IncidentStatus.Closed)
        {
            return; // stays on disk
        }

        Volatile.Write(ref _rows, Volatile.Read(ref _rows).SetItem(incidentId, row));
    }

    public void Clear()
    {
        _closedSinceCommit.Clear();
        Volatile.Write(ref _rows, ImmutableDictionary<Guid, Row>.Empty);
    }

    public void Apply(ProjectedEvent e)
    {
        var rows = Volatile.Read(ref _rows);
        Row? next;
        if (e.Event is IncidentDeclared declared)
        {
            next = Declared(declared, e);
        }
        else if ((rows.GetValueOrDefault(e.IncidentId) ?? Stored(e.IncidentId)) is { } row)
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

    /// <summary>A row only the read store holds (a closed incident's), or null.</summary>
    private Row? Stored(Guid incidentId) =>
        store?.IncidentState(StateName, incidentId) is { } state ? JsonSerializer.Deserialize<Row>(state, ReadStoreJson.Options) : null;

    /// <summary>The closed incidents' rows only the read store holds.</summary>
    private IEnumerable<IncidentSummary> StoredClosed(ImmutableDictionary<Guid, Row> held)
    {
        foreach (var (incidentId, state) in store!.IncidentStates(StateName))
        {
            if (!held.ContainsKey(incidentId) && JsonSerializer.Deserialize<Row>(state, ReadStoreJson.Options) is { Summary.Status: IncidentStatus.Closed } row)
            {
                yield return row.Summary;
            }
        }
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
