using System.Collections.Immutable;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// The measures people ask for after (and during) an incident: time to the first public statement, approval
/// turnaround, rumour rebuttal delays, corrections, deliveries per channel. Every duration comes from event times,
/// so a rebuild gives the same numbers.
/// </summary>
public sealed class IncidentKpis : IProjection
{
    // Writer-side running tallies; readers get the reports recomputed after each event of their incident.
    private readonly Dictionary<Guid, KpiTally> _tallies = [];
    private ImmutableDictionary<Guid, IncidentKpiReport> _reports = ImmutableDictionary<Guid, IncidentKpiReport>.Empty;

    public IncidentKpiReport? For(Guid incidentId) => Volatile.Read(ref _reports).GetValueOrDefault(incidentId);

    public void Apply(ProjectedEvent e)
    {
        if (e.Event is IncidentDeclared declared)
        {
            _tallies[e.IncidentId] = new KpiTally(declared);
        }
        else if (_tallies.TryGetValue(e.IncidentId, out var tally))
        {
            tally.Add(e.Event);
        }
        else
        {
            return;
        }

        var report = _tallies[e.IncidentId].Report();
        Volatile.Write(ref _reports, Volatile.Read(ref _reports).SetItem(e.IncidentId, report));
    }
}
