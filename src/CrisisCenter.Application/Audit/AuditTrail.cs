using CrisisCenter.Application.Projections;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrisisCenter.Application.Audit;

/// <summary>
/// The audit read model: every stored event of every stream (incidents, the user directory, templates, incident codes),
/// indexed by actor and by stream, so "what did this user do" and "who did what to this incident" are both one lookup.
/// Every node tails the whole store from the start, like the other projections; entries are small (no event data, a
/// summary line). Queries may run on any thread while the feed appends (a lock per index, pages are copies).
/// </summary>
public sealed partial class AuditTrail(IEventStore store, ILogger<AuditTrail> logger) : BackgroundService
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<AuditEntry>> _byActor = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AuditEntry>> _byStream = new(StringComparer.Ordinal);
    // Summaries of incident events need what earlier events said (statement kinds, post targets): one narrator,
    // fed every incident event in store order, as the timeline's is.
    private readonly TimelineNarrator _narrator = new();
    // Every entry is kept: its stream, type, actor, agency, roles and session are shared, not copied per entry.
    private readonly StringPool _strings = new();
    private long _position = GlobalPosition.Start;
    private TaskCompletionSource _advanced = NewSignal();

    /// <summary>The global position of the last event indexed.</summary>
    public long Position => Interlocked.Read(ref _position);

    /// <summary>What <paramref name="actorId"/> did, in store order, after <paramref name="afterPosition"/>, optionally
    /// within [<paramref name="from"/>, <paramref name="to"/>) and only where <paramref name="include"/> agrees.</summary>
    public AuditPage ForActor(string actorId, long afterPosition, int limit, DateTimeOffset? from = null, DateTimeOffset? to = null, Func<AuditEntry, bool>? include = null) =>
        PageOf(_byActor, actorId, afterPosition, limit, e => (from is null || e.RecordedAt >= from) && (to is null || e.RecordedAt < to) && (include?.Invoke(e) ?? true));

    /// <summary>Everything recorded in <paramref name="stream"/> after <paramref name="afterPosition"/>, in order.</summary>
    public AuditPage ForStream(string stream, long afterPosition, int limit) => PageOf(_byStream, stream, afterPosition, limit, _ => true);

    /// <summary>Waits (at most <paramref name="timeout"/>) until the trail has indexed <paramref name="position"/>;
    /// false when it has not by then (the caller answers with what there is).</summary>
    public async Task<bool> WaitForAsync(long position, TimeSpan timeout, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(timeout);
        try
        {
            while (Position < position)
            {
                Task advanced;
                lock (_gate) advanced = _advanced.Task;
                if (Position >= position) break;
                await advanced.WaitAsync(bounded.Token);
            }
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var record in store.SubscribeToAllAsync(Position, cancellationToken: stoppingToken))
                    Index(record);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogStoreFailed(ex, Position);
                try
                {
                    await Task.Delay(RetryDelay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Indexes one record (public so tests and tools can feed a trail without a host); older or repeated
    /// positions are ignored.</summary>
    public void Index(RecordedEvent record)
    {
        if (record.Position <= Position) return;
        var entry = ToEntry(record);
        TaskCompletionSource advanced;
        lock (_gate)
        {
            if (entry.ActorId is { } actor) Append(_byActor, actor, entry);
            Append(_byStream, entry.Stream, entry);
            Interlocked.Exchange(ref _position, record.Position);
            advanced = _advanced;
            _advanced = NewSignal();
        }
        advanced.TrySetResult();
    }

    private AuditEntry ToEntry(RecordedEvent record)
    {
        var incidentId = IncidentStreams.TryParse(record.Stream, out var id) ? id : (Guid?)null;
        var m = record.Metadata;
        return new AuditEntry(record.Position, _strings.Get(record.Stream)!, record.Revision, record.EventId, _strings.Get(record.Type)!, record.RecordedAt,
            _strings.Get(m.ActorId), _strings.Get(m.ActorName), _strings.Get(m.AgencyCode), _strings.Get(m.Roles), _strings.Get(m.SessionId),
            m.CommandId, incidentId, Summarise(record, incidentId));
    }

    private string Summarise(RecordedEvent record, Guid? incidentId)
    {
        if (incidentId is null) return AuditSummaries.Describe(record);
        try
        {
            return IncidentEventSerializer.Deserialize(record) is { } e
                ? _narrator.Narrate(ProjectedEvent.From(record, e)).Summary
                : $"{record.Type} (not readable by this version)";
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
            return $"{record.Type} (not readable by this version)";
        }
    }

    private static void Append(Dictionary<string, List<AuditEntry>> index, string key, AuditEntry entry)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        list.Add(entry);
    }

    private AuditPage PageOf(Dictionary<string, List<AuditEntry>> index, string key, long afterPosition, int limit, Func<AuditEntry, bool> include)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        var items = new List<AuditEntry>(Math.Min(limit, 64));
        var more = false;
        lock (_gate)
        {
            if (!index.TryGetValue(key, out var list)) return new AuditPage([], null);
            for (var i = FirstAfter(list, afterPosition); i < list.Count; i++)
            {
                if (!include(list[i])) continue;
                if (items.Count == limit)
                {
                    more = true;
                    break;
                }
                items.Add(list[i]);
            }
        }
        return new AuditPage(items, more ? items[^1].Position : null);
    }

    /// <summary>Lists are in position order: binary search for the first entry after <paramref name="position"/>.</summary>
    private static int FirstAfter(List<AuditEntry> list, long position)
    {
        int low = 0, high = list.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (list[mid].Position <= position) low = mid + 1; else high = mid;
        }
        return low;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit trail lost the store after position {Position}; retrying.")]
    private partial void LogStoreFailed(Exception exception, long position);
}
