namespace CrisisCenter.EventStore;

/// <summary>
/// A cache of stream states next to the event store, so a reader of a long stream can start from a recent point
/// instead of the first event. Snapshots are never facts: they live outside the event log (no global position, no
/// hash chain, never in <see cref="IEventStore.ReadAllAsync"/> or a subscription), a store keeps only the newest per
/// stream, and a caller must treat a missing, unreadable or stale snapshot as "read the stream from the start".
/// The payload is opaque to the store: its owner chooses the format and versions it.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>The newest snapshot of <paramref name="stream"/>, or null when there is none.</summary>
    Task<StoredSnapshot?> ReadSnapshotAsync(string stream, CancellationToken cancellationToken = default);

    /// <summary>Keeps <paramref name="snapshot"/> as the newest snapshot of <paramref name="stream"/>. A store may ignore it
    /// when it already holds one of a later revision (SQLite does); readers check a snapshot against the stream anyway.</summary>
    Task WriteSnapshotAsync(string stream, StoredSnapshot snapshot, CancellationToken cancellationToken = default);
}

/// <summary>The state of a stream up to and including the event at <see cref="Revision"/>, in the owner's format.</summary>
public sealed record StoredSnapshot(long Revision, ReadOnlyMemory<byte> Data);

/// <summary>For stores without a snapshot area (and wrappers that hide it): nothing is kept, every read misses.</summary>
public sealed class NoSnapshotStore : ISnapshotStore
{
    public static NoSnapshotStore Instance { get; } = new();

    private NoSnapshotStore()
    {
    }

    public Task<StoredSnapshot?> ReadSnapshotAsync(string stream, CancellationToken cancellationToken = default) =>
        Task.FromResult<StoredSnapshot?>(null);

    public Task WriteSnapshotAsync(string stream, StoredSnapshot snapshot, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;
}
