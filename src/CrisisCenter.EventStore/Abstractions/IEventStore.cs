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
