namespace CrisisCenter.EventStore;

/// <summary>
/// The event store port. Every backend (SQLite embedded default, EventStoreDB in production)
/// implements exactly these semantics; tests/CrisisCenter.EventStore.Tests holds the contract suite.
/// </summary>
public interface IEventStore
{
    /// <summary>
    /// Appends <paramref name="events"/> atomically to <paramref name="stream"/>.
    /// Throws <see cref="WrongExpectedRevisionException"/> when <paramref name="expected"/> does not hold.
    /// Re-appending events whose ids are already in the stream (same ids, same order) writes nothing
    /// and returns the original result.
    /// </summary>
    Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends as <see cref="AppendAsync(string, ExpectedRevision, IReadOnlyList{EventData}, CancellationToken)"/> does,
    /// told the stream's last event as the appender knows it (<paramref name="tail"/>: its revision and hash, e.g. from
    /// the previous <see cref="AppendResult"/> or a read). The hash chain then needs no read before the append: with
    /// <paramref name="expected"/> exactly the tail's revision the new events chain onto the tail's hash, and the store's
    /// own revision check proves nobody slipped in between. A hint only: a backend that can check it cheaply does (the
    /// SQLite store, in its write transaction), and one that is wrong, stale or absent costs a read, never a wrong
    /// answer; a backend that cannot check it trusts a tail at the expected revision (the events of a revision never
    /// change), so pass only hashes the store reported. Stores that ignore it append as without it.
    /// </summary>
    Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, StreamTail? tail, CancellationToken cancellationToken = default) =>
        AppendAsync(stream, expected, events, cancellationToken);

    /// <summary>Reads one stream from <paramref name="fromRevision"/> (inclusive) in the given direction.
    /// <see cref="StreamRevision.End"/> with <see cref="ReadDirection.Backwards"/> starts at the last event.
    /// A missing stream yields nothing.</summary>
    IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, long fromRevision = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>Reads every stream in global order, starting after <paramref name="afterPosition"/>
    /// (exclusive; <see cref="GlobalPosition.Start"/> reads from the very beginning).</summary>
    IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition = GlobalPosition.Start, StreamFilter? filter = null, long maxCount = long.MaxValue, CancellationToken cancellationToken = default);

    /// <summary>Catch-up subscription to every stream: the events after <paramref name="afterPosition"/>
    /// that are already stored, then live events, in global order, with no gap and no duplicate.
    /// Ends only when <paramref name="cancellationToken"/> is cancelled.</summary>
    IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long afterPosition = GlobalPosition.Start, StreamFilter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>The revision of the last event of <paramref name="stream"/>, or null when it does not exist.</summary>
    Task<long?> GetStreamRevisionAsync(string stream, CancellationToken cancellationToken = default);

    /// <summary>The global position of the last stored event, or <see cref="GlobalPosition.Start"/> when empty.</summary>
    Task<long> GetLastPositionAsync(CancellationToken cancellationToken = default);
}

public enum ReadDirection { Forwards, Backwards }

public static class StreamRevision
{
    /// <summary>With <see cref="ReadDirection.Backwards"/>: start at the last event of the stream.</summary>
    public const long End = long.MaxValue;
}

public static class GlobalPosition
{
    /// <summary>"Before the first event": reading or subscribing after it starts at the beginning.</summary>
    public const long Start = -1;
}
