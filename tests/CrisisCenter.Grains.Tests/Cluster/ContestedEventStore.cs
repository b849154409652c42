using System.Collections.Concurrent;
using CrisisCenter.EventStore;

namespace CrisisCenter.Grains.Tests.Cluster;

/// <summary>
/// The silo's real store with one test control: a stream can be "contested", so that right before the grain's
/// next appends to it another writer appends first - exactly in the window between the grain reading and
/// writing, which a test cannot otherwise reach. Streams nobody contests pass straight through.
/// </summary>
public sealed class ContestedEventStore(IEventStore store) : IEventStore
{
    private readonly ConcurrentDictionary<string, Rival> rivals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<StreamTail?>> tailsPassed = new(StringComparer.Ordinal);

    /// <summary>The tails the grains named with their appends to <paramref name="stream"/>, in order.</summary>
    public IReadOnlyList<StreamTail?> TailsPassed(string stream) => [.. tailsPassed.GetValueOrDefault(stream) ?? []];

    /// <summary>Before each of the next <paramref name="appends"/> appends to <paramref name="stream"/>, appends
    /// <paramref name="rivalEvent"/>'s event at whatever revision the stream has then.</summary>
    public void Contest(string stream, int appends, Func<EventData> rivalEvent) => rivals[stream] = new Rival(appends, rivalEvent);

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        AppendAsync(stream, expected, events, tail: null, cancellationToken);

    /// <summary>The grains' appends name the stream's tail: passed on, so a rival's event makes that tail stale just
    /// as a real rival would, and the store has to notice.</summary>
    public async Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, StreamTail? tail, CancellationToken cancellationToken = default)
    {
        tailsPassed.GetOrAdd(stream, _ => new()).Enqueue(tail);
        if (rivals.TryGetValue(stream, out var rival) && rival.TakeTurn())
            await store.AppendAsync(stream, ExpectedRevision.Any, [rival.NextEvent()], cancellationToken);
        return await store.AppendAsync(stream, expected, events, tail, cancellationToken);
    }

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, long fromRevision = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        store.ReadStreamAsync(stream, fromRevision, direction, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition = GlobalPosition.Start, StreamFilter? filter = null, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        store.ReadAllAsync(afterPosition, filter, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long afterPosition = GlobalPosition.Start, StreamFilter? filter = null, CancellationToken cancellationToken = default) =>
        store.SubscribeToAllAsync(afterPosition, filter, cancellationToken);

    public Task<long?> GetStreamRevisionAsync(string stream, CancellationToken cancellationToken = default) =>
        store.GetStreamRevisionAsync(stream, cancellationToken);

    public Task<long> GetLastPositionAsync(CancellationToken cancellationToken = default) =>
        store.GetLastPositionAsync(cancellationToken);

    private sealed class Rival(int appends, Func<EventData> nextEvent)
    {
        private int remaining = appends;

        public bool TakeTurn() => Interlocked.Decrement(ref remaining) >= 0;

        public EventData NextEvent() => nextEvent();
    }
}
