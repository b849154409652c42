using CrisisCenter.Application.Projections;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;

namespace CrisisCenter.Application.History;

/// <summary>
/// Reads one incident's whole stream from the store as <see cref="ProjectedEvent"/>s (the fact plus its global
/// position, stream revision and metadata). Replays and reports are built from this, never from read models, so
/// every figure they show can name the stored events it comes from.
/// </summary>
public sealed class IncidentHistory(IEventStore store)
{
    public async Task<IReadOnlyList<ProjectedEvent>> ReadAsync(Guid incidentId, CancellationToken cancellationToken = default)
    {
        var events = new List<ProjectedEvent>();
        await foreach (var recorded in store.ReadStreamAsync(IncidentStreams.For(incidentId), cancellationToken: cancellationToken))
        {
            // A record of a type this version does not know is skipped, as the grain and the projections do.
            if (IncidentEventSerializer.Deserialize(recorded) is { } @event)
                events.Add(ProjectedEvent.From(recorded, @event));
        }

        return events;
    }
}
