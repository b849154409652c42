using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;
using Mediator;

namespace CrisisCenter.Application.Incidents;

/// <summary>The current state of one incident as its grain holds it, if the actor may see it.</summary>
public sealed record GetIncident(Guid IncidentId, Actor Actor) : IQuery<IncidentSnapshot?>;

public sealed class GetIncidentHandler(IGrainFactory grains) : IQueryHandler<GetIncident, IncidentSnapshot?>
{
    public async ValueTask<IncidentSnapshot?> Handle(GetIncident query, CancellationToken cancellationToken)
    {
        var snapshot = await grains.GetGrain<IIncidentGrain>(query.IncidentId).GetSnapshot();
        return IncidentVisibility.CanSee(query.Actor, snapshot.State) ? snapshot : null;
    }
}
