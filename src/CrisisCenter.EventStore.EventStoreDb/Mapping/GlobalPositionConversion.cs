using CrisisCenter.EventStore.EventStoreDb.Protocol;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>
/// EventStoreDB orders $all by (commit position, prepare position), two unsigned byte offsets in its log.
/// Every event appended through gRPC is its own implicit transaction, so its commit position equals its prepare
/// position and is unique and strictly increasing across the log (offsets, hence not contiguous). Our global
/// position is therefore the commit position as a long, and it maps back to (P, P).
/// Not covered: events of legacy explicit transactions (TCP client API before v20), which share one commit position.
/// </summary>
internal static class GlobalPositionConversion
{
    public static long FromServer(ulong commitPosition) => commitPosition switch
    {
        // The server sends "unknown" (-1 as unsigned) when an event was not committed by itself: a legacy transaction.
        ulong.MaxValue => throw new InvalidDataException("EventStoreDB gave no global position for an event: it belongs to a legacy explicit transaction, which this store does not support."),
        > long.MaxValue => throw new InvalidDataException($"EventStoreDB sent commit position {commitPosition}, beyond the range of a global position."),
        _ => (long)commitPosition,
    };

    /// <summary>
    /// The $all read start for "after <paramref name="afterPosition"/>". The server's forward read starts AT a position
    /// (inclusive); callers of <see cref="IEventStore.ReadAllAsync"/> must skip the event at exactly that position
    /// (see <see cref="IsAfter"/>). Subscriptions from a position are exclusive on the server already.
    /// </summary>
    public static ReadReq.Types.Options.Types.AllOptions ToAllOptions(long afterPosition)
    {
        if (afterPosition < GlobalPosition.Start)
            throw new ArgumentOutOfRangeException(nameof(afterPosition), afterPosition, "A global position is -1 (start) or more.");
        return afterPosition == GlobalPosition.Start
            ? new() { Start = new Empty() }
            : new() { Position = new() { CommitPosition = (ulong)afterPosition, PreparePosition = (ulong)afterPosition } };
    }

    public static bool IsAfter(long position, long afterPosition) => position > afterPosition;
}
