using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// KPI reports measured on demand from the incident's own stream (<see cref="IncidentKpis.Measure"/>, the same tally
/// the in-memory projection keeps), so no node holds tallies for every incident. The last
/// <see cref="ReadStoreOptions.KpiCacheSize"/> reports asked for are kept, each with the stream revision it covers, and
/// measured again once the stream has moved on.
/// </summary>
public sealed class IncidentKpiReports(IEventStore store, IOptions<ReadStoreOptions>? options = null)
{
    private readonly int _capacity = Math.Max(1, options?.Value.KpiCacheSize ?? new ReadStoreOptions().KpiCacheSize);
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, LinkedListNode<Measured>> _cached = [];
    private readonly LinkedList<Measured> _recentFirst = new();

    /// <summary>Cached reports (at most the configured size).</summary>
    public int CachedCount
    {
        get
        {
            lock (_gate)
            {
                return _cached.Count;
            }
        }
    }

    public async Task<IncidentKpiReport?> ForAsync(Guid incidentId, CancellationToken cancellationToken = default) =>
        (await MeasureAsync(incidentId, cancellationToken))?.Report;

    /// <summary>The report and the samples behind it, or null for an incident without a readable declaration.</summary>
    public async Task<(IncidentKpiReport Report, IncidentKpiEvidence Evidence)?> MeasureAsync(Guid incidentId, CancellationToken cancellationToken = default)
    {
        var stream = IncidentStreams.For(incidentId);
        var revision = await store.GetStreamRevisionAsync(stream, cancellationToken);
        if (revision is null)
        {
            return null;
        }

        lock (_gate)
        {
            if (_cached.TryGetValue(incidentId, out var node) && node.Value.Revision == revision)
            {
                _recentFirst.Remove(node);
                _recentFirst.AddFirst(node);
                return node.Value.Result;
            }
        }

        var history = new List<ProjectedEvent>();
        long last = -1;
        await foreach (var record in store.ReadStreamAsync(stream, cancellationToken: cancellationToken))
        {
            last = record.Revision;
            // What the projection host skips (unreadable, or of another incident) the tally never saw either.
            if (Readable(record, incidentId) is { } e)
            {
                history.Add(ProjectedEvent.From(record, e));
            }
        }

        var result = IncidentKpis.Measure(history);
        Remember(incidentId, new Measured(incidentId, last, result));
        return result;
    }

    private void Remember(Guid incidentId, Measured measured)
    {
        lock (_gate)
        {
            if (_cached.Remove(incidentId, out var old))
            {
                _recentFirst.Remove(old);
            }

            _cached[incidentId] = _recentFirst.AddFirst(measured);
            while (_cached.Count > _capacity && _recentFirst.Last is { } oldest)
            {
                _recentFirst.RemoveLast();
                _cached.Remove(oldest.Value.IncidentId);
            }
        }
    }

    private static Domain.IncidentEvent? Readable(RecordedEvent record, Guid incidentId)
    {
        try
        {
            return IncidentEventSerializer.Deserialize(record) is { } e && e.IncidentId == incidentId ? e : null;
        }
        catch (Exception)
        {
            return null; // the host logs and counts it; here it simply is not part of the history
        }
    }

    private sealed record Measured(Guid IncidentId, long Revision, (IncidentKpiReport Report, IncidentKpiEvidence Evidence)? Result);
}
