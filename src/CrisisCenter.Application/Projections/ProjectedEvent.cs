using CrisisCenter.Domain;
using CrisisCenter.EventStore;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// An incident event as the read side sees it: the domain fact plus where (global <see cref="Position"/>,
/// stream <see cref="Revision"/>) and by whom (<see cref="Metadata"/>) it was recorded.
/// </summary>
public sealed record ProjectedEvent(
    IncidentEvent Event,
    long Position,
    long Revision,
    Guid EventId,
    string Type,
    EventMetadata Metadata)
{
    public Guid IncidentId => Event.IncidentId;

    public static ProjectedEvent From(RecordedEvent record, IncidentEvent @event) =>
        new(@event, record.Position, record.Revision, record.EventId, record.Type, record.Metadata);
}
