using CrisisCenter.Domain;

namespace CrisisCenter.Grains.Incidents.Snapshots;

/// <summary>
/// What an incident grain keeps in the snapshot cache (<see cref="EventStore.ISnapshotStore"/>): its state after the
/// event at <see cref="Revision"/>, that event's id and global position (to check the snapshot still belongs to the
/// stream it is read against), and what duplicate detection needs: the outcomes of the most recent accepted commands
/// and the ids of every earlier accepted command (16 bytes each, base64-packed) whose outcome is read back from the
/// stream on the rare retry that names one.
/// </summary>
internal sealed record IncidentStateSnapshot(
    int Schema,
    long Revision,
    long Position,
    Guid LastEventId,
    IncidentState State,
    IReadOnlyList<AcceptedCommand> RecentCommands,
    string EarlierCommandIds);

/// <summary>One accepted command's first outcome: its last event's revision and position, and how many events it wrote.</summary>
internal sealed record AcceptedCommand(Guid CommandId, long Revision, long Position, int EventCount);
