using CrisisCenter.Domain;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// The measures people ask for after (and during) an incident: time to the first public statement, approval
/// turnaround, rumour rebuttal delays, corrections, deliveries per channel. Every duration comes from event times,
/// so a rebuild gives the same numbers.
/// </summary>
/// <remarks>
/// Applying an event only updates running tallies; a report (medians need sorting) is computed when first asked for
/// and kept until the incident's next event. Reports are read rarely and events arrive often, so the tallies sit
/// behind a lock rather than being copied into a fresh snapshot at every event.
/// </remarks>
public sealed class IncidentKpis : IProjection
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, KpiTally> _tallies = [];
    private readonly Dictionary<Guid, IncidentKpiReport> _reports = [];

    public IncidentKpiReport? For(Guid incidentId)
    {
        lock (_gate)
        {
            if (_reports.TryGetValue(incidentId, out var report))
            {
                return report;
            }

            if (!_tallies.TryGetValue(incidentId, out var tally))
            {
                return null;
            }

            return _reports[incidentId] = tally.Report();
        }
    }

    /// <summary>The samples behind <see cref="For"/>'s report, or null for an unknown incident.</summary>
    public IncidentKpiEvidence? EvidenceFor(Guid incidentId)
    {
        lock (_gate)
        {
            return _tallies.TryGetValue(incidentId, out var tally) ? tally.Evidence() : null;
        }
    }

    /// <summary>
    /// Measures one incident's history (in store order) exactly as the live projection does, with the same tally:
    /// for reports built from the stream. Null when the history holds no declaration.
    /// </summary>
    public static (IncidentKpiReport Report, IncidentKpiEvidence Evidence)? Measure(IEnumerable<ProjectedEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        KpiTally? tally = null;
        foreach (var e in history)
        {
            if (e.Event is IncidentDeclared declared)
                tally = new KpiTally(declared, e.Position);
            else
                tally?.Add(e.Event, e.Position);
        }

        return tally is null ? null : (tally.Report(), tally.Evidence());
    }

    public void Apply(ProjectedEvent e)
    {
        lock (_gate)
        {
            if (e.Event is IncidentDeclared declared)
            {
                _tallies[e.IncidentId] = new KpiTally(declared, e.Position);
            }
            else if (_tallies.TryGetValue(e.IncidentId, out var tally))
            {
                tally.Add(e.Event, e.Position);
            }
            else
            {
                return;
            }

            _reports.Remove(e.IncidentId);
        }
    }
}
