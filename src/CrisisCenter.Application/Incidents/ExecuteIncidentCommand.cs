using CrisisCenter.Application.Pipeline;
using CrisisCenter.Grains.Incidents;
using Mediator;

namespace CrisisCenter.Application.Incidents;

/// <summary>Sends one domain command to its incident's grain, where the domain decides and the events are
/// appended; then waits (bounded) until the read models have seen them.</summary>
public sealed record ExecuteIncidentCommand(CommandEnvelope Envelope) : ICommand<CommandOutcome>;

public sealed class ExecuteIncidentCommandHandler(IGrainFactory grains, IReadYourWrites readYourWrites) : ICommandHandler<ExecuteIncidentCommand, CommandOutcome>
{
    public async ValueTask<CommandOutcome> Handle(ExecuteIncidentCommand request, CancellationToken cancellationToken)
    {
        // One grain call: the incident itself answers "not found" to someone who may not see it (IIncidentGrain.Execute).
        var outcome = await grains.GetGrain<IIncidentGrain>(request.Envelope.Command.IncidentId).Execute(request.Envelope);
        if (outcome.Succeeded) await readYourWrites.WaitForAsync(outcome.Position, cancellationToken);
        return outcome;
    }
}
