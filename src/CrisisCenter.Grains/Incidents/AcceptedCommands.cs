using CrisisCenter.EventStore;

namespace CrisisCenter.Grains.Incidents;

/// <summary>
/// The first outcome of every command an incident accepted, by command id, so a repeated command is answered
/// without deciding again. Rebuilt from the stream (each event's metadata names its command), so it survives
/// deactivation and failover. Rejected commands are not remembered: they wrote nothing, so deciding a retry
/// afresh is safe, and remembering them only in memory would answer differently after a reactivation.
/// After an activation from a snapshot, the outcomes of commands older than the snapshot's window are not in
/// memory, only their ids (<see cref="IsAcceptedWithoutOutcome"/>): the grain reads such an outcome back from the
/// stream when that rare retry comes, so the answer is the same as after a full replay.
/// </summary>
internal sealed class AcceptedCommands
{
    private readonly Dictionary<Guid, CommandOutcome> firstOutcomes = [];
    private readonly HashSet<Guid> withoutOutcome = [];

    public bool TryGetFirstOutcome(Guid commandId, out CommandOutcome outcome) =>
        firstOutcomes.TryGetValue(commandId, out outcome!);

    /// <summary>True for a command accepted before the snapshot's window: accepted, but its outcome is only in the stream.</summary>
    public bool IsAcceptedWithoutOutcome(Guid commandId) => withoutOutcome.Contains(commandId);

    public void Remember(Guid commandId, CommandOutcome outcome)
    {
        if (firstOutcomes.TryAdd(commandId, outcome))
            withoutOutcome.Remove(commandId);
    }

    /// <summary>Folds one stored event in: a command's events are appended together, so the outcome of the
    /// command is its last event's revision and position and the number of its events.</summary>
    public void Observe(RecordedEvent recorded)
    {
        if (recorded.Metadata.CommandId is not { } commandId || withoutOutcome.Contains(commandId))
            return;
        firstOutcomes[commandId] = Extend(firstOutcomes.GetValueOrDefault(commandId), recorded);
    }

    /// <summary>The outcome of a command after one more of its events: its first event starts it, each later one
    /// moves its revision and position on and counts one more event.</summary>
    public static CommandOutcome Extend(CommandOutcome? earlier, RecordedEvent recorded) =>
        earlier is null
            ? new CommandOutcome(CommandStatus.Accepted, recorded.Revision, recorded.Position, EventCount: 1)
            : earlier with { Revision = recorded.Revision, Position = recorded.Position, EventCount = earlier.EventCount + 1 };

    /// <summary>A copy to snapshot from outside the grain's turn (this object keeps changing).</summary>
    public AcceptedCommandsCopy Copy() => new([.. firstOutcomes], [.. withoutOutcome]);

    /// <summary>Replaces everything with what a snapshot held.</summary>
    public void Restore(IEnumerable<KeyValuePair<Guid, CommandOutcome>> outcomes, IEnumerable<Guid> acceptedWithoutOutcome)
    {
        firstOutcomes.Clear();
        withoutOutcome.Clear();
        foreach (var (commandId, outcome) in outcomes)
            firstOutcomes[commandId] = outcome;
        foreach (var commandId in acceptedWithoutOutcome)
        {
            if (!firstOutcomes.ContainsKey(commandId))
                withoutOutcome.Add(commandId);
        }
    }

    public void Clear()
    {
        firstOutcomes.Clear();
        withoutOutcome.Clear();
    }
}

/// <summary>The accepted commands at one moment: outcomes known in memory, and ids whose outcome is only in the stream.</summary>
internal sealed record AcceptedCommandsCopy(KeyValuePair<Guid, CommandOutcome>[] Outcomes, Guid[] WithoutOutcome);
