using CrisisCenter.Domain;

namespace CrisisCenter.Grains.Incidents;

/// <summary>Settings of incident grains, bound by the host (e.g. from the "Incidents" configuration section).</summary>
public sealed class IncidentGrainOptions
{
    public const string SectionName = "Incidents";

    /// <summary>The configurable rules every decision of every incident uses. Null (the default) means the
    /// <see cref="IncidentPolicy"/> registered in the container - the one projections and the API read too -
    /// or <see cref="IncidentPolicy.Default"/> when none is registered.</summary>
    public IncidentPolicy? Policy { get; set; }

    /// <summary>
    /// How long an incident may stay idle before Orleans deactivates it (it replays its stream on the next call).
    /// Null keeps Orleans' own <c>GrainCollectionOptions.CollectionAge</c>.
    /// </summary>
    public TimeSpan? CollectionAge { get; set; }

    /// <summary>
    /// Every how many events an incident leaves a snapshot of its state (see <see cref="EventStore.ISnapshotStore"/>), so
    /// the next activation reads only the events after it. 0 turns snapshots off (every activation replays the whole
    /// stream). Snapshots are written after the append, off the command's path, and are a cache: a missing or unusable
    /// one only means a full replay.
    /// </summary>
    public int SnapshotInterval { get; set; } = DefaultSnapshotInterval;

    /// <summary>
    /// How many of the most recent accepted commands a snapshot carries with their outcomes, so a retry of one of them
    /// after a reactivation is answered from memory. Earlier commands are carried as ids only (16 bytes each): a retry
    /// of one of those is still answered as a duplicate, with its outcome read back from the stream.
    /// </summary>
    public int SnapshotCommandWindow { get; set; } = DefaultSnapshotCommandWindow;

    public const int DefaultSnapshotInterval = 500;
    public const int DefaultSnapshotCommandWindow = 1_000;
}
