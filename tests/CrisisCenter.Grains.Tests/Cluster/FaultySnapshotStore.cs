using System.Collections.Concurrent;
using CrisisCenter.EventStore;

namespace CrisisCenter.Grains.Tests.Cluster;

/// <summary>The silo's real snapshot cache with one test control: snapshots of a stream can be made to fail to read
/// or to write, as an unreachable store or a denied write would. Other streams pass straight through.</summary>
public sealed class FaultySnapshotStore(ISnapshotStore snapshots) : ISnapshotStore
{
    private readonly ConcurrentDictionary<string, byte> failing = new(StringComparer.Ordinal);

    public void Fail(string stream) => failing[stream] = 0;

    public Task<StoredSnapshot?> ReadSnapshotAsync(string stream, CancellationToken cancellationToken = default) =>
        failing.ContainsKey(stream)
            ? throw new EventStoreUnavailableException($"Reading the snapshot of '{stream}' failed (test fault).")
            : snapshots.ReadSnapshotAsync(stream, cancellationToken);

    public Task WriteSnapshotAsync(string stream, StoredSnapshot snapshot, CancellationToken cancellationToken = default) =>
        failing.ContainsKey(stream)
            ? Task.FromException(new EventStoreUnavailableException($"Writing the snapshot of '{stream}' failed (test fault)."))
            : snapshots.WriteSnapshotAsync(stream, snapshot, cancellationToken);
}
