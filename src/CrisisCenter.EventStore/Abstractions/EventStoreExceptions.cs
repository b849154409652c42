namespace CrisisCenter.EventStore;

/// <summary>Base of every error the store port raises on purpose.</summary>
public abstract class EventStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The stream was not where the appender expected: another writer got there first.</summary>
public sealed class WrongExpectedRevisionException(string stream, ExpectedRevision expected, long? actualRevision)
    : EventStoreException($"Stream '{stream}' expected revision {expected} but its last revision is {(actualRevision?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none (no stream)")}.")
{
    public string Stream { get; } = stream;
    public ExpectedRevision Expected { get; } = expected;
    /// <summary>The last revision of the stream at the time of the append; null when the stream does not exist.</summary>
    public long? ActualRevision { get; } = actualRevision;
}

/// <summary>Some but not all of the event ids of an append already exist, or they exist at other places:
/// a client bug, never a safe retry.</summary>
public sealed class IdempotencyConflictException(string stream, string message) : EventStoreException(message)
{
    public string Stream { get; } = stream;
}

/// <summary>The store cannot be reached, or refused the caller (unavailable, access denied, deadline).</summary>
public sealed class EventStoreUnavailableException(string message, Exception? inner = null) : EventStoreException(message, inner);
