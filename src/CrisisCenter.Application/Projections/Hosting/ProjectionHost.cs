using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// Tails the store's incident streams and applies each event, in store order, to every read model: the registered
/// <see cref="IProjection"/>s, then the <see cref="IncidentTimeline"/>, whose new entry goes to every
/// <see cref="ITimelineListener"/>. Every web node runs one, so each node's read models follow the store on their own.
/// </summary>
/// <remarks>
/// <para>The read models live in memory and are rebuilt from the first event at every start: that is how they survive
/// a restart and pick up what was appended while the node was down, with no checkpoint that could disagree with
/// them. Persistent read models with a stored checkpoint can replace this when replay time demands it.</para>
/// <para>It reads what is stored first and then subscribes after the last event read, rather than relying on the
/// subscription alone, so <see cref="IsCaughtUp"/> is exact even when the store's last event belongs to another
/// stream (the filtered subscription would never report reaching it).</para>
/// <para>A record that cannot be read, or a read model that throws on an event, is logged and counted and the host
/// moves on: one bad event must not freeze every dashboard. When the store itself fails, the host retries with a
/// growing delay from the last position it applied.</para>
/// </remarks>
public sealed partial class ProjectionHost : BackgroundService
{
    private static readonly StreamFilter IncidentStreamsOnly = StreamFilter.Prefix(IncidentStreams.Prefix);

    private readonly IEventStore _store;
    private readonly IncidentTimeline _timeline;
    private readonly IReadOnlyList<IProjection> _projections;
    private readonly IReadOnlyList<ITimelineListener> _listeners;
    private readonly ILogger<ProjectionHost> _logger;
    private readonly ProjectionHostOptions _options;
    private readonly TimeProvider _clock;
    private readonly PositionWaiters _waiters = new();
    private readonly TaskCompletionSource _caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private long _position = GlobalPosition.Start;
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
        TimeProvider? clock = null)
    {
        _store = store;
        _timeline = timeline;
        _projections = [.. projections];
        _listeners = [.. listeners];
        _logger = logger;
        _options = options?.Value ?? new ProjectionHostOptions();
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Global position of the last incident event applied; <see cref="GlobalPosition.Start"/> before the first.</summary>
    public long Position => Interlocked.Read(ref _position);

    /// <summary>True once every event stored when the host started has been applied.</summary>
    public bool IsCaughtUp => _caughtUp.Task.IsCompletedSuccessfully;

    /// <summary>Incident events read from the store and handed to the read models.</summary>
    public long EventsApplied => Interlocked.Read(ref _eventsApplied);

    /// <summary>Records skipped because they hold no incident event this version can read (unknown type, bad JSON).</summary>
    public long UnreadableEvents => Interlocked.Read(ref _unreadableEvents);

    /// <summary>Times a read model threw on an event (each time that read model missed that event).</summary>
    public long ProjectionFailures => Interlocked.Read(ref _projectionFailures);

    /// <summary>Times an <see cref="ITimelineListener"/> threw.</summary>
    public long ListenerFailures => Interlocked.Read(ref _listenerFailures);

    /// <summary>Times reading or subscribing failed and the host had to start over from its position.</summary>
    public long StoreFailures => Interlocked.Read(ref _storeFailures);

    /// <summary>
    /// Completes once the read models (and listeners) are done with the incident event at <paramref name="position"/>
    /// or a later one:
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

    private async Task FollowStoreAsync(CancellationToken cancellationToken)
    {
        if (!IsCaughtUp)
        {
            await foreach (var record in _store.ReadAllAsync(Position, IncidentStreamsOnly, cancellationToken: cancellationToken))
            {
                Apply(record, isLive: false);
            }

            LogCaughtUp(Position, EventsApplied);
            _caughtUp.TrySetResult();
        }

        await foreach (var record in _store.SubscribeToAllAsync(Position, IncidentStreamsOnly, cancellationToken))
        {
            Apply(record, isLive: true);
        }
    }

    private void Apply(RecordedEvent record, bool isLive)
    {
        if (record.Position <= Position)
        {
            return; // already applied: a backend that resends after a reconnect must not count an event twice
        }

        var @event = Read(record);
        if (@event is not null)
        {
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

            TimelineEntry? entry = null;
            try
            {
                entry = _timeline.Apply(projected);
            }
            catch (Exception ex)
            {
                Interlocked.Increment(ref _projectionFailures);
                LogProjectionFailed(ex, nameof(IncidentTimeline), record.Type, record.Position, record.Stream);
            }

            if (entry is not null)
            {
                Notify(entry, isLive);
            }
        }

        // Last, so whoever waits for this position finds every read model and listener done with it.
        Advance(record.Position);
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
