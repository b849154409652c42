using CrisisCenter.EventStore;

namespace CrisisCenter.Grains.Incidents;

/// <summary>
/// The first outcome of every command an incident accepted, by command id, so a repeated command is answered
/// without deciding again. Rebuilt from the stream (each event's metadata names its command), so it survives
/// deactivation and failover. Rejected commands are not remembered: they wrote nothing, so deciding a retry
/// afresh is safe, and remembering them only in memory would answer differently after a reactivation.
/// </summary>
internal sealed class AcceptedCommands
{
    private readonly Dictionary<Guid, CommandOutcome> firstOutcomes = [];

    public bool TryGetFirstOutcome(Guid commandId, out CommandOutcome outcome) =>
        firstOutcomes.TryGetValue(commandId, out outcome!);

    public void Remember(Guid commandId, CommandOutcome outcome) => firstOutcomes.TryAdd(commandId, outcome);

    /// <summary>Folds one stored event in: a command's events are appended together, so the outcome of the
    /// command is its last event's revision and position and the number of its events.</summary>
    public void Observe(RecordedEvent recorded)
    {
        if (recorded.Metadata.CommandId is not { } commandId)
            return;
        firstOutcomes[commandId] = firstOutcomes.TryGetValue(commandId, out var earlier)
            ? earlier with { Revision = recorded.Revision, Position = recorded.Position, EventCount = earlier.EventCount + 1 }
            : new CommandOutcome(CommandStatus.Accepted, recorded.Revision, recorded.Position, EventCount: 1);
    }
}
