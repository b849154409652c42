using System.Runtime.CompilerServices;
using CrisisCenter.EventStore.EventStoreDb.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>
/// <see cref="IEventStore"/> over EventStoreDB's gRPC Streams service (our own client: see Protos/).
/// Streams, revisions and event ids are the server's own; the global position is the server's commit position
/// (<see cref="GlobalPositionConversion"/>); metadata and the hash chain travel in each event's custom metadata.
/// Reading $all and subscribing need a user allowed to read $all (by default: admins).
/// </summary>
public sealed class EventStoreDbEventStore : IEventStore, ISnapshotStore, IAsyncDisposable
{
    /// <summary>Read by the readiness probe: any stream will do, it need not exist.</summary>
    internal const string ProbeStream = "crisiscenter-readiness-probe";

    private readonly EventStoreDbConnection _connection;
    private readonly StreamReads _reads;
    private readonly StreamAppender _appender;
    private readonly AllSubscription _subscription;
    private readonly EventStoreDbSnapshots _snapshots;

    public EventStoreDbEventStore(EventStoreDbConnectionString settings, ILogger<EventStoreDbEventStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ILogger log = logger ?? NullLogger<EventStoreDbEventStore>.Instance;
        _connection = new EventStoreDbConnection(settings, log);
        _reads = new StreamReads(_connection);
        _appender = new StreamAppender(_connection, _reads);
        _subscription = new AllSubscription(_connection, log);
        _snapshots = new EventStoreDbSnapshots(_connection);
    }

    public EventStoreDbEventStore(string connectionString, ILogger<EventStoreDbEventStore>? logger = null)
        : this(EventStoreDbConnectionString.Parse(connectionString), logger)
    {
    }

    public EventStoreDbConnectionString Settings => _connection.Settings;

    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
        _appender.AppendAsync(stream, expected, events, tail: null, cancellationToken);

    /// <summary>With a <paramref name="tail"/> at the expected revision (or expecting no stream) the append is one
    /// round trip, without reading the stream's last event first (see <see cref="StreamAppender"/>).</summary>
    public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, StreamTail? tail, CancellationToken cancellationToken = default) =>
        _appender.AppendAsync(stream, expected, events, tail, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, long fromRevision = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
        _reads.ReadAsync(stream, fromRevision, direction, maxCount, withDeadline: false, cancellationToken);

    public async IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition = GlobalPosition.Start, StreamFilter? filter = null, long maxCount = long.MaxValue, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (maxCount <= 0)
            yield break;
        var request = ReadRequests.AllForwards(afterPosition, filter, maxCount);
        long delivered = 0;
        await foreach (var response in BoundedRead.RunAsync(_connection, "reading $all", null, request, withDeadline: false, cancellationToken).ConfigureAwait(false))
        {
            if (response.ContentCase != ReadResp.ContentOneofCase.Event || response.Event.Event is not { } e)
                continue;
            var recorded = RecordedEventConversion.FromProto(e);
            // The server starts AT the given position; the port reads AFTER it.
            if (!GlobalPositionConversion.IsAfter(recorded.Position, afterPosition) || !ReadRequests.Selects(filter, recorded.Stream))
                continue;
            yield return recorded;
            if (++delivered == maxCount)
                yield break;
        }
    }

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long afterPosition = GlobalPosition.Start, StreamFilter? filter = null, CancellationToken cancellationToken = default) =>
        _subscription.SubscribeAsync(afterPosition, filter, cancellationToken);

    public async Task<long?> GetStreamRevisionAsync(string stream, CancellationToken cancellationToken = default) =>
        (await _reads.LastAsync(stream, cancellationToken).ConfigureAwait(false))?.Revision;

    public async Task<long> GetLastPositionAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var response in BoundedRead.RunAsync(_connection, "reading the end of $all", null, ReadRequests.LastOfAll(), withDeadline: true, cancellationToken).ConfigureAwait(false))
            if (response.ContentCase == ReadResp.ContentOneofCase.Event && response.Event.Event is { } e)
                return RecordedEventConversion.FromProto(e).Position;
        return GlobalPosition.Start;
    }

    /// <summary>Snapshots live in a system stream per stream, <c>$snapshot-{stream}</c> (see <see cref="EventStoreDbSnapshots"/>).</summary>
    public Task<StoredSnapshot?> ReadSnapshotAsync(string stream, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        return _snapshots.ReadAsync(stream, cancellationToken);
    }

    public Task WriteSnapshotAsync(string stream, StoredSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stream);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfNegative(snapshot.Revision);
        return _snapshots.WriteAsync(stream, snapshot, cancellationToken);
    }

    /// <summary>Readiness: true when the server answers a cheap read with the configured credentials within the deadline.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await ProbeAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (EventStoreException)
        {
            return false;
        }
    }

    /// <summary>The cheap read behind <see cref="PingAsync"/>; throws <see cref="EventStoreUnavailableException"/> saying why not.</summary>
    internal Task ProbeAsync(CancellationToken cancellationToken) =>
        _reads.SliceAsync(ProbeStream, 0, 1, cancellationToken);

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
