using CrisisCenter.EventStore.EventStoreDb.Protocol;
using static CrisisCenter.EventStore.EventStoreDb.Protocol.ReadReq.Types.Options.Types;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>The Read requests we send: one stream, $all with a server-side stream filter, and the $all subscription.</summary>
internal static class ReadRequests
{
    /// <summary>How many events the server examines per filtered page; it also paces subscription checkpoints.</summary>
    public const uint FilterSearchWindow = 32;

    /// <summary>Our "no prefixes" filter means every stream except system streams, whose names start with '$'.</summary>
    public const string NonSystemStreamsRegex = "^[^$]";

    private static readonly StreamFilter NonSystemStreams = new([]);

    /// <summary>The same filter applied on our side: the server's regex and prefix matching must not be the only guard
    /// of what the port promises.</summary>
    public static bool Selects(StreamFilter? filter, string stream) => (filter ?? NonSystemStreams).Matches(stream);

    public static ReadReq Stream(string stream, long fromRevision, ReadDirection direction, long maxCount)
    {
        if (fromRevision < 0)
            throw new ArgumentOutOfRangeException(nameof(fromRevision), fromRevision, "A stream revision is 0 or more.");
        var streamOptions = new StreamOptions { StreamIdentifier = StreamNameConversion.ToProto(stream) };
        if (fromRevision == StreamRevision.End)
            streamOptions.End = new Empty();
        else
            streamOptions.Revision = (ulong)fromRevision;
        return new ReadReq
        {
            Options = new ReadReq.Types.Options
            {
                Stream = streamOptions,
                ReadDirection = ToProto(direction),
                ResolveLinks = false,
                Count = (ulong)maxCount,
                NoFilter = new Empty(),
                UuidOption = new UUIDOption { String = new Empty() },
            },
        };
    }

    /// <summary>$all forwards from <paramref name="afterPosition"/>. The server includes the event AT that position,
    /// so we ask for one more and the caller drops it.</summary>
    public static ReadReq AllForwards(long afterPosition, StreamFilter? filter, long maxCount) => new()
    {
        Options = new ReadReq.Types.Options
        {
            All = GlobalPositionConversion.ToAllOptions(afterPosition),
            ReadDirection = ReadReq.Types.Options.Types.ReadDirection.Forwards,
            Count = afterPosition == GlobalPosition.Start || maxCount == long.MaxValue ? (ulong)maxCount : (ulong)maxCount + 1,
            Filter = ToFilter(filter),
            UuidOption = new UUIDOption { String = new Empty() },
        },
    };

    /// <summary>The newest event of a non-system stream.</summary>
    public static ReadReq LastOfAll() => new()
    {
        Options = new ReadReq.Types.Options
        {
            All = new AllOptions { End = new Empty() },
            ReadDirection = ReadReq.Types.Options.Types.ReadDirection.Backwards,
            Count = 1,
            Filter = ToFilter(null),
            UuidOption = new UUIDOption { String = new Empty() },
        },
    };

    /// <summary>Catch-up then live subscription to $all after <paramref name="afterPosition"/> (exclusive on the server).</summary>
    public static ReadReq SubscribeToAll(long afterPosition, StreamFilter? filter) => new()
    {
        Options = new ReadReq.Types.Options
        {
            All = GlobalPositionConversion.ToAllOptions(afterPosition),
            ReadDirection = ReadReq.Types.Options.Types.ReadDirection.Forwards,
            Subscription = new SubscriptionOptions(),
            Filter = ToFilter(filter),
            UuidOption = new UUIDOption { String = new Empty() },
        },
    };

    public static FilterOptions ToFilter(StreamFilter? filter)
    {
        var expression = new FilterOptions.Types.Expression();
        if (filter is { Prefixes.Count: > 0 })
            expression.Prefix.AddRange(filter.Prefixes);
        else
            expression.Regex = NonSystemStreamsRegex;
        return new FilterOptions { StreamIdentifier = expression, Max = FilterSearchWindow, CheckpointIntervalMultiplier = 1 };
    }

    private static ReadReq.Types.Options.Types.ReadDirection ToProto(ReadDirection direction) => direction switch
    {
        ReadDirection.Forwards => ReadReq.Types.Options.Types.ReadDirection.Forwards,
        ReadDirection.Backwards => ReadReq.Types.Options.Types.ReadDirection.Backwards,
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, null),
    };
}
