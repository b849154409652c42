using CrisisCenter.Application.Pipeline;
using CrisisCenter.Domain;
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
        var command = request.Envelope.Command;
        var grain = grains.GetGrain<IIncidentGrain>(command.IncidentId);
        // Someone who may not see an incident gets the answer of one that does not exist, before the domain can
        // answer anything that would tell it apart (403, a conflict, a stale revision): same code, same words.
        if (command is not DeclareIncident && await grain.GetSnapshot() is { State.Exists: true } snapshot
            && !IncidentVisibility.CanSee(command.Context.Actor, snapshot.State))
            return NotVisible(command.IncidentId);

        var outcome = await grain.Execute(request.Envelope);
        if (outcome.Succeeded) await readYourWrites.WaitForAsync(outcome.Position, cancellationToken);
        return outcome;
    }

    private static CommandOutcome NotVisible(Guid incidentId) => new(
        CommandStatus.Rejected, Revision: -1, Position: 0, EventCount: 0,
        Error: DomainError.NotFound(DomainErrors.IncidentNotFound, $"Incident {incidentId} has not been declared."));
}
