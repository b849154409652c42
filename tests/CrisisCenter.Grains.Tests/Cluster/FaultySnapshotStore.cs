using System.Collections.Concurrent;
using CrisisCenter.EventStore;

namespace CrisisCenter.Grains.Tests.Cluster;

/// <summary>The silo's real snapshot cache with two test controls: snapshots of a stream can be made to fail to read
/// or to write, as an unreachable store or a denied write would, or their writes held until released, as a slow store
/// would. Other streams pass straight through.</summary>
public sealed class FaultySnapshotStore(ISnapshotStore snapshots) : ISnapshotStore
{
    private readonly ConcurrentDictionary<string, byte> failing = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, TaskCompletionSource> held = new(StringComparer.Ordinal);

    public void Fail(string stream) => failing[stream] = 0;

    /// <summary>Writes of the stream's snapshots wait until the returned source is completed.</summary>
    public TaskCompletionSource Hold(string stream) =>
        held.GetOrAdd(stream, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public Task<StoredSnapshot?> ReadSnapshotAsync(string stream, CancellationToken cancellationToken = default) =>
        failing.ContainsKey(stream)
            ? throw new EventStoreUnavailableException($"Reading the snapshot of '{stream}' failed (test fault).")
            : snapshots.ReadSnapshotAsync(stream, cancellationToken);

    public async Task WriteSnapshotAsync(string stream, StoredSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        if (held.TryGetValue(stream, out var gate))
            await gate.Task.WaitAsync(cancellationToken);
        if (failing.ContainsKey(stream))
            throw new EventStoreUnavailableException($"Writing the snapshot of '{stream}' failed (test fault).");
        await snapshots.WriteSnapshotAsync(stream, snapshot, cancellationToken);
    }
}
