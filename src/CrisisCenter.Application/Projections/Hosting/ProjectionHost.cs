using CrisisCenter.Application.Audit;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// Tails the store and applies each event, in store order and in batches, to every read model: the registered
/// <see cref="IProjection"/>s, then the <see cref="IncidentTimeline"/>, whose new entries go to every
/// <see cref="ITimelineListener"/>. Every web node runs one, so each node's read models follow the store on their own.
/// </summary>
/// <remarks>
/// <para>With a <see cref="ReadStore"/> (every web node), it reads every stream once ("one decoded feed"): each batch's
/// timeline and audit rows, the state of every incident the batch touched (<see cref="IRestorableProjection"/>) and the
/// position of its last event are written in one transaction. At start it restores the in-memory views from the read
/// store and resumes after its checkpoint; when a batch fails half-way it does the same, so nothing is applied twice
/// or skipped. Projections that cannot be restored are not fed then (they would hold only what followed the
/// checkpoint). Without a read store, it reads the incident streams from the first position at every start and the
/// read models live in memory (tests, tools).</para>
/// <para>A batch is up to <see cref="ReadStoreOptions.BatchSize"/> events, or fewer when no more are waiting. Listeners
/// hear a batch's entries after it commits, and <see cref="Position"/> moves (releasing waiters) after that: whoever
/// is told of an entry, or waits for its position, can query its row.</para>
/// <para>It reads what is stored first and then subscribes after the last event read, rather than relying on the
/// subscription alone, so <see cref="IsCaughtUp"/> is exact even when the store's last event belongs to another
/// stream (the filtered subscription would never report reaching it).</para>
/// <para>A record that cannot be read, or a read model that throws on an event, is logged and counted and the host
/// moves on: one bad event must not freeze every dashboard. When the store itself (or the read store) fails, the host
/// retries with a growing delay from the last position it committed.</para>
/// </remarks>
public sealed partial class ProjectionHost : BackgroundService
{
    private static readonly StreamFilter IncidentStreamsOnly = StreamFilter.Prefix(IncidentStreams.Prefix);
    private static readonly TimeSpan ProgressLogInterval = TimeSpan.FromSeconds(5);

    private readonly IEventStore _store;
    private readonly IncidentTimeline _timeline;
    private readonly IReadOnlyList<IProjection> _projections;
    private readonly IReadOnlyList<IRestorableProjection> _restorable;
    private readonly IReadOnlyList<ITimelineListener> _listeners;
    private readonly ILogger<ProjectionHost> _logger;
    private readonly ProjectionHostOptions _options;
    private readonly ReadStore? _readStore;
    private readonly int _batchSize;
    private readonly TimeProvider _clock;
    private readonly PositionWaiters _waiters = new();
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private long _position = GlobalPosition.Start;
    private long _lastProgressLog;
    private long _catchUpFrom = GlobalPosition.Start;
    private long _catchUpTo = GlobalPosition.Start;
    private long _eventsApplied;
    private long _unreadableEvents;
    private long _projectionFailures;
    private long _listenerFailures;
    private long _storeFailures;

    public ProjectionHost(
        IEventStore store,
        IncidentTimeline timeline,
        IEnumerable<IProjection> projections,
        IEnumerable<ITimelineListener> listeners,
        ILogger<ProjectionHost> logger,
        IOptions<ProjectionHostOptions>? options = null,
        TimeProvider? clock = null,
        ReadStore? readStore = null,
        IOptions<ReadStoreOptions>? readStoreOptions = null)
    {
        _store = store;
        _timeline = timeline;
        _readStore = readStore;
        _projections = readStore is null ? [.. projections] : [.. projections.OfType<IRestorableProjection>()];
        _restorable = [.. _projections.OfType<IRestorableProjection>()];
        _listeners = [.. listeners];
        _logger = logger;
        _options = options?.Value ?? new ProjectionHostOptions();
        _batchSize = Math.Max(1, readStoreOptions?.Value.BatchSize ?? new ReadStoreOptions().BatchSize);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Global position of the last event applied and committed (with a read store, of any stream; without,
    /// of an incident); <see cref="GlobalPosition.Start"/> before the first.</summary>
    public long Position => Interlocked.Read(ref _position);

    /// <summary>True once every event stored when the host started has been applied.</summary>
    public bool IsCaughtUp => _caughtUp.Task.IsCompletedSuccessfully;

    /// <summary>How far the catch-up at start has come, 0 to 1 (1 once <see cref="IsCaughtUp"/>).</summary>
    public double CatchUpProgress
    {
        get
        {
            if (IsCaughtUp)
            {
                return 1;
            }

            var from = Interlocked.Read(ref _catchUpFrom);
            var to = Interlocked.Read(ref _catchUpTo);
            return to <= from ? 0 : Math.Clamp((double)(Position - from) / (to - from), 0, 1);
        }
    }

    /// <summary>Incident events read from the store and handed to the read models.</summary>
    public long EventsApplied => Interlocked.Read(ref _eventsApplied);

    /// <summary>Records skipped because they hold no incident event this version can read (unknown type, bad JSON).</summary>
    public long UnreadableEvents => Interlocked.Read(ref _unreadableEvents);

    /// <summary>Times a read model threw on an event (each time that read model missed that event).</summary>
    public long ProjectionFailures => Interlocked.Read(ref _projectionFailures);

    /// <summary>Times an <see cref="ITimelineListener"/> threw.</summary>
    public long ListenerFailures => Interlocked.Read(ref _listenerFailures);

    /// <summary>Times reading, subscribing or writing a batch failed and the host had to start over from its position.</summary>
    public long StoreFailures => Interlocked.Read(ref _storeFailures);

    /// <summary>
    /// Completes once the read models (and listeners) are done with the event at <paramref name="position"/>
    /// or a later one, and its rows are committed:
    /// a command handler awaits its append's position before answering, so its caller reads its own write.
    /// Fails with <see cref="OperationCanceledException"/> when cancelled or when the host stops first.
    /// </summary>
    public Task WaitForPositionAsync(long position, CancellationToken cancellationToken = default) =>
        _waiters.WaitAsync(position, () => Position, cancellationToken);

    /// <summary>Completes once <see cref="IsCaughtUp"/> (e.g. for readiness checks); cancelled if the host stops before.</summary>
    public Task WaitUntilCaughtUpAsync(CancellationToken cancellationToken = default) => _caughtUp.Task.WaitAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the caller of StartAsync: the rebuild can take a while and the store may read synchronously.
        await Task.Yield();
        var delay = _options.InitialRetryDelay;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var appliedBefore = EventsApplied;
                try
                {
                    RestoreFromReadStore();
                    await FollowStoreAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref _storeFailures);
                    if (EventsApplied > appliedBefore)
                    {
                        delay = _options.InitialRetryDelay; // it worked for a while: this is a new outage
                    }

                    LogStoreFailed(ex, Position, delay.TotalMilliseconds);
                    await Task.Delay(delay, _clock, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping while waiting to retry.
        }
        finally
        {
            _waiters.Close();
            _caughtUp.TrySetCanceled(stoppingToken);
        }
    }

    /// <summary>
    /// Puts the in-memory views back to the read store's checkpoint: at start, and after a batch failed once its events
    /// were applied in memory but not committed. Without a read store there is nothing to undo (batches cannot fail
    /// half-way: every write is in memory and guarded).
    /// </summary>
    private void RestoreFromReadStore()
    {
        if (_readStore is null)
        {
            return;
        }

        var restored = 0;
        foreach (var projection in _restorable)
        {
            projection.Clear();
            foreach (var (incidentId, state) in _readStore.IncidentStates(projection.StateName))
            {
                projection.RestoreIncident(incidentId, state);
                restored++;
            }
        }

        var checkpoint = _readStore.Checkpoint;
        _timeline.ResumeAfter(checkpoint);
        Interlocked.Exchange(ref _position, checkpoint);
        LogRestored(_readStore.FilePath, checkpoint, restored);
    }

    private async Task FollowStoreAsync(CancellationToken cancellationToken)
    {
        var filter = _readStore is null ? IncidentStreamsOnly : null;
        if (!IsCaughtUp)
        {
            var storeEnd = await _store.GetLastPositionAsync(cancellationToken);
            if (_readStore is not null && Position > storeEnd)
            {
                // The read store has events the store does not (an older backup restored, another store configured).
                LogReadStoreAhead(_readStore.FilePath, Position, storeEnd);
                _readStore.Clear();
                RestoreFromReadStore();
            }

            Interlocked.Exchange(ref _catchUpFrom, Position);
            Interlocked.Exchange(ref _catchUpTo, storeEnd);
            LogCatchingUp(Position, Interlocked.Read(ref _catchUpTo));
            _lastProgressLog = _clock.GetTimestamp();
            await ApplyInBatchesAsync(_store.ReadAllAsync(Position, filter, cancellationToken: cancellationToken), isLive: false, cancellationToken);
            LogCaughtUp(Position, EventsApplied);
            _caughtUp.TrySetResult();
        }

        await ApplyInBatchesAsync(_store.SubscribeToAllAsync(Position, filter, cancellationToken), isLive: true, cancellationToken);
    }

    /// <summary>Applies <paramref name="records"/> in batches: a batch closes when full or when the next record is not
    /// there yet (so a live event never waits for others).</summary>
    private async Task ApplyInBatchesAsync(IAsyncEnumerable<RecordedEvent> records, bool isLive, CancellationToken cancellationToken)
    {
        var batch = new List<RecordedEvent>(Math.Min(_batchSize, 1024));
        await using var enumerator = records.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            var next = enumerator.MoveNextAsync();
            if (!next.IsCompleted && batch.Count > 0)
            {
                ApplyBatch(batch, isLive);
                batch.Clear();
            }

            bool more;
            try
            {
                more = await next;
            }
            catch
            {
                // The store broke off: what it delivered before is sound, so apply it and retry after it.
                if (batch.Count > 0)
                {
                    ApplyBatch(batch, isLive);
                }

                throw;
            }

            if (!more)
            {
                break;
            }

            batch.Add(enumerator.Current);
            if (batch.Count >= _batchSize)
            {
                ApplyBatch(batch, isLive);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            ApplyBatch(batch, isLive);
        }
    }

    private void ApplyBatch(List<RecordedEvent> records, bool isLive)
    {
        var entries = new List<TimelineEntry>(records.Count);
        var touched = new HashSet<Guid>();
        var last = Position;
        using (var batch = _readStore?.BeginBatch())
        {
            foreach (var record in records)
            {
                if (record.Position <= last)
                {
                    continue; // already applied: a backend that resends after a reconnect must not count an event twice
                }

                last = record.Position;
                TimelineEntry? entry = null;
                if (IncidentStreams.TryParse(record.Stream, out var incidentId) && Apply(record, batch, out entry))
                {
                    // Touched even when the narrator wrote no line: the other read models folded the event.
                    touched.Add(incidentId);
                    if (entry is not null)
                    {
                        entries.Add(entry);
                    }
                }

                batch?.Add(AuditEntries.From(record, incidentId == Guid.Empty ? null : incidentId, entry?.Summary));
            }

            if (batch is not null)
            {
                foreach (var incident in touched)
                {
                    foreach (var projection in _restorable)
                    {
                        if (projection.SaveIncident(incident) is { } state)
                        {
                            batch.SaveIncidentState(projection.StateName, incident, state);
                        }
                        else
                        {
                            batch.DeleteIncidentState(projection.StateName, incident); // it keeps nothing of it any more
                        }
                    }
                }

                batch.Commit(last);
                foreach (var projection in _restorable)
                {
                    projection.Committed();
                }
            }
        }

        foreach (var entry in entries)
        {
            Notify(entry, isLive);
        }

        // Last, so whoever waits for this position finds every read model and listener done with it, and its rows committed.
        Advance(last);
        if (!isLive && _clock.GetElapsedTime(_lastProgressLog) >= ProgressLogInterval)
        {
            _lastProgressLog = _clock.GetTimestamp();
            LogCatchUpProgress(CatchUpProgress * 100, last, Interlocked.Read(ref _catchUpTo));
        }
    }

    /// <summary>Folds one incident record into every read model; false when it holds no readable incident event.</summary>
    private bool Apply(RecordedEvent record, ReadStoreBatch? batch, out TimelineEntry? entry)
    {
        entry = null;
        var @event = Read(record);
        if (@event is null)
        {
            return false;
        }

        Interlocked.Increment(ref _eventsApplied);
        var projected = ProjectedEvent.From(record, @event);
        foreach (var projection in _projections)
        {
            try
            {
                projection.Apply(projected);
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref _projectionFailures);
                LogProjectionFailed(ex, projection.GetType().Name, record.Type, record.Position, record.Stream);
            }
        }

        try
        {
            entry = _timeline.Apply(projected, batch);
        }
        catch (Exception ex) when (ex is not SqliteException)
        {
            // A line the narrator cannot write is skipped; a read store that cannot write fails the whole batch.
            Interlocked.Increment(ref _projectionFailures);
            LogProjectionFailed(ex, nameof(IncidentTimeline), record.Type, record.Position, record.Stream);
        }

        return true;
    }

    private IncidentEvent? Read(RecordedEvent record)
    {
        try
        {
            var @event = IncidentEventSerializer.Deserialize(record);
            if (@event is not null && IncidentStreams.TryParse(record.Stream, out var incidentId) && incidentId == @event.IncidentId)
            {
                return @event;
            }

            LogUnreadable(null, record.Type, record.Position, record.Stream);
        }
        catch (Exception ex)
        {
            LogUnreadable(ex, record.Type, record.Position, record.Stream);
        }

        Interlocked.Increment(ref _unreadableEvents);
        return null;
    }

    private void Advance(long position)
    {
        Interlocked.Exchange(ref _position, position);
        _waiters.Reached(position);
    }

    private void Notify(TimelineEntry entry, bool isLive)
    {
        foreach (var listener in _listeners)
        {
            try
            {
                listener.OnApplied(entry, isLive);
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref _listenerFailures);
                LogListenerFailed(ex, listener.GetType().Name, entry.Position);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read models restored from {Path} at position {Checkpoint} ({Rows} incident state rows).")]
    private partial void LogRestored(string path, long checkpoint, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Read store {Path} is at position {Checkpoint}, past the store's last event {StoreEnd}: rebuilding it from the first event.")]
    private partial void LogReadStoreAhead(string path, long checkpoint, long storeEnd);

    [LoggerMessage(Level = LogLevel.Information, Message = "Projections catching up: {Percent:0.0}% (position {Position} of {To}).")]
    private partial void LogCatchUpProgress(double percent, long position, long to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Projections catching up from position {From} to {To}.")]
    private partial void LogCatchingUp(long from, long to);

    [LoggerMessage(Level = LogLevel.Information, Message = "Projections caught up with the store at position {Position} ({Events} incident events applied).")]
    private partial void LogCaughtUp(long position, long events);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped the record at position {Position} of {Stream}: no readable incident event of type {Type}.")]
    private partial void LogUnreadable(Exception? exception, string type, long position, string stream);

    [LoggerMessage(Level = LogLevel.Error, Message = "Read model {Projection} failed on {Type} at position {Position} of {Stream}; it misses this event.")]
    private partial void LogProjectionFailed(Exception exception, string projection, string type, long position, string stream);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timeline listener {Listener} failed on the entry at position {Position}.")]
    private partial void LogListenerFailed(Exception exception, string listener, long position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the store failed after position {Position}; retrying in {DelayMs} ms.")]
    private partial void LogStoreFailed(Exception exception, long position, double delayMs);
}
