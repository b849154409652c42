namespace CrisisCenter.EventStore;

/// <summary>What the appender believes about the stream: nothing (Any), that it does not exist (NoStream),
/// or that its last event has exactly this revision.</summary>
public readonly record struct ExpectedRevision
{
    private const long AnyValue = -2;
    private const long NoStreamValue = -1;

    private ExpectedRevision(long value) => Value = value;

    /// <summary>-2 for Any, -1 for NoStream, otherwise the exact 0-based revision of the last event.</summary>
    public long Value { get; }

    public static ExpectedRevision Any { get; } = new(AnyValue);
    public static ExpectedRevision NoStream { get; } = new(NoStreamValue);
    public static ExpectedRevision Exact(long revision) =>
        revision >= 0 ? new(revision) : throw new ArgumentOutOfRangeException(nameof(revision), revision, "An exact revision is 0 or more.");

    /// <summary>Maps a known last revision (null when the stream is absent) to the matching expectation.</summary>
    public static ExpectedRevision FromLastRevision(long? lastRevision) => lastRevision is { } r ? Exact(r) : NoStream;

    public bool IsAny => Value == AnyValue;
    public bool IsNoStream => Value == NoStreamValue;
    public bool IsExact => Value >= 0;

    public override string ToString() => Value switch
    {
        AnyValue => "Any",
        NoStreamValue => "NoStream",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
