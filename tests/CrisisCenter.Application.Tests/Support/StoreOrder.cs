using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;

namespace CrisisCenter.Application.Tests.Support;

/// <summary>
/// Gives hand-built events the place a store would: global positions in the order recorded (steps of 10, as
/// positions need not be contiguous) and per-incident revisions from 0, with the actor as metadata.
/// </summary>
public sealed class StoreOrder
{
    private readonly Dictionary<Guid, long> _nextRevision = [];
    private long _position;

    public ProjectedEvent Record(IncidentEvent @event, string? actorName = null, string? agencyCode = null)
    {
        _position += 10;
        var revision = _nextRevision.GetValueOrDefault(@event.IncidentId);
        _nextRevision[@event.IncidentId] = revision + 1;
        var metadata = new EventMetadata { ActorId = @event.By, ActorName = actorName, AgencyCode = agencyCode };
        return new ProjectedEvent(@event, _position, revision, Guid.NewGuid(), EventTypes.NameOf(@event), metadata);
    }

    /// <summary>Records each event and applies it to <paramref name="projection"/>, in order.</summary>
    public void Feed(IProjection projection, params IncidentEvent[] events)
    {
        foreach (var @event in events)
        {
            projection.Apply(Record(@event));
        }
    }

    public List<TimelineEntry> Feed(IncidentTimeline timeline, params IncidentEvent[] events) =>
        [.. events.Select(@event => timeline.Apply(Record(@event)))];
}
