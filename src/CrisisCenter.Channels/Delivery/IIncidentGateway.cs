using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;

namespace CrisisCenter.Channels.Delivery;

/// <summary>How delivery reads an incident and records outcomes: through its grain in the cluster.</summary>
public interface IIncidentGateway
{
    Task<IncidentState> GetAsync(Guid incidentId);

    Task<CommandOutcome> ExecuteAsync(IncidentCommand command);
}

/// <summary>The incident grains.</summary>
public sealed class IncidentGrainGateway(IGrainFactory grains) : IIncidentGateway
{
    public async Task<IncidentState> GetAsync(Guid incidentId) =>
        (await grains.GetGrain<IIncidentGrain>(incidentId).GetSnapshot()).State;

    public Task<CommandOutcome> ExecuteAsync(IncidentCommand command) =>
        grains.GetGrain<IIncidentGrain>(command.IncidentId).Execute(new CommandEnvelope(command));
}
