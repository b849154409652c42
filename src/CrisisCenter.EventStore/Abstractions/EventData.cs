using System.Text.Json.Serialization;

namespace CrisisCenter.EventStore;

/// <summary>An event about to be appended. <see cref="Type"/> is the stable, versioned store name
/// (e.g. "incident.declared.v1"), never a CLR name; <see cref="Data"/> is UTF-8 JSON.</summary>
public sealed record EventData(Guid EventId, string Type, ReadOnlyMemory<byte> Data, EventMetadata Metadata);

/// <summary>Who caused an event and why. The store adds the hash chain (<see cref="RecordedEvent.PreviousHash"/>,
/// <see cref="RecordedEvent.Hash"/>) and the recorded time.</summary>
public sealed record EventMetadata
{
    public string? ActorId { get; init; }
    public string? ActorName { get; init; }
    public string? AgencyCode { get; init; }
    public string? SessionId { get; init; }
    public Guid? CommandId { get; init; }
    public Guid? CorrelationId { get; init; }
    public Guid? CausationId { get; init; }

    /// <summary>The roles the actor held when acting (for the audit trail). Left out of the stored form when null,
    /// so events recorded before this field existed keep their hashes.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Roles { get; init; }

    public static EventMetadata Empty { get; } = new();

    /// <summary>Value equality, roles compared item by item (a record alone would compare the list references, so the
    /// same stored metadata read twice would differ).</summary>
    public bool Equals(EventMetadata? other) =>
        other is not null
        && ActorId == other.ActorId && ActorName == other.ActorName && AgencyCode == other.AgencyCode && SessionId == other.SessionId
        && CommandId == other.CommandId && CorrelationId == other.CorrelationId && CausationId == other.CausationId
        && (Roles is null ? other.Roles is null : other.Roles is not null && Roles.SequenceEqual(other.Roles, StringComparer.Ordinal));

    public override int GetHashCode() =>
        HashCode.Combine(ActorId, ActorName, AgencyCode, SessionId, CommandId, CorrelationId, CausationId, Roles?.Count);
}

/// <summary>An event as stored: its place in its stream (<see cref="Revision"/>, 0-based) and in the
/// global order (<see cref="Position"/>, strictly increasing, not necessarily contiguous).</summary>
public sealed record RecordedEvent(
    Guid EventId,
    string Stream,
    long Revision,
    long Position,
    string Type,
    ReadOnlyMemory<byte> Data,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt,
    string PreviousHash,
    string Hash);

/// <summary>The outcome of an append: the revision of the last event written and its global position.</summary>
public sealed record AppendResult(long NextExpectedRevision, long LastPosition)
{
    /// <summary>The hash of that last event, when the store knows it without reading (both built-in stores do, for a
    /// write and for a repeat they recognised by reading); null otherwise. With the revision it is the
    /// <see cref="StreamTail"/> for the next append.</summary>
    public string? LastHash { get; init; }

    /// <summary>The stream's last event as this append left it, when the hash is known.</summary>
    public StreamTail? Tail => LastHash is { } hash ? new StreamTail(NextExpectedRevision, hash) : null;
}

/// <summary>A stream's last event as an appender knows it: its revision and its hash (see
/// <see cref="IEventStore.AppendAsync(string, ExpectedRevision, IReadOnlyList{EventData}, StreamTail?, CancellationToken)"/>).</summary>
public sealed record StreamTail(long Revision, string Hash)
{
    public static StreamTail Of(RecordedEvent recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        return new(recorded.Revision, recorded.Hash);
    }
}
