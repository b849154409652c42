using System.Collections.Concurrent;
using System.Text.Json;
using CrisisCenter.EventStore;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// Every incident event as a <see cref="TimelineEntry"/>, per incident and across incidents, in store order.
/// The <see cref="ProjectionHost"/> feeds it after the other read models and hands each new entry to the
/// <see cref="ITimelineListener"/>s, so it is not registered as an <see cref="IProjection"/> itself.
/// Readers never lock and never see half an entry: both lists only grow, and a reader sees a prefix of each.
/// </summary>
/// <remarks>
/// <para>Constructed with a <see cref="ReadStore"/> (as every web node does), entries live on disk, indexed by
/// (incident, position), and are written in the host's batch transaction: queries see committed batches only, and
/// nothing per event stays in memory. Constructed without one, entries are kept in memory as described below (tests and
/// tools that rebuild from the first event); both answer every query the same.</para>
/// <para>An entry is added to its incident's list before the list of all incidents, so <see cref="LastPosition"/> never
/// names an entry that <see cref="ForIncident"/> does not show yet. Entries are kept in append-only arrays rather than
/// immutable lists: every node of the process holds every entry, and tree nodes plus the garbage of each append were
/// a large share of the read side's memory (see <see cref="AppendOnlyList{T}"/>).</para>
/// </remarks>
public sealed class IncidentTimeline
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;

    private readonly ReadStore? _store;
    private readonly TimelineNarrator _narrator;
    private readonly AppendOnlyList<TimelineEntry> _all = new(1024);
    private readonly ConcurrentDictionary<Guid, AppendOnlyList<TimelineEntry>> _byIncident = new();
    private long _lastApplied = GlobalPosition.Start;

    /// <summary>A timeline held in memory, rebuilt from the first event at every start.</summary>
    public IncidentTimeline()
    {
        _narrator = new TimelineNarrator();
    }

    /// <summary>A timeline in <paramref name="store"/>: entries and the narrator's memory are rows of the host's batches.</summary>
    public IncidentTimeline(ReadStore store)
    {
        _store = store;
        _narrator = new TimelineNarrator(store.NarratorMemory);
    }

    /// <summary>Global position of the last entry, or <see cref="GlobalPosition.Start"/> when there is none.</summary>
    public long LastPosition => _store is null
        ? _all.Snapshot() is { Count: > 0 } all ? all[^1].Position : GlobalPosition.Start
        : Scalar("SELECT coalesce(max(position), -1) FROM timeline;");

    public int Count => _store is null ? _all.Count : (int)Scalar("SELECT count(*) FROM timeline;");

    /// <summary>Adds the entry of <paramref name="e"/> and returns it. Called by the host only, in store order.</summary>
    public TimelineEntry Apply(ProjectedEvent e) => Apply(e, batch: null);

    /// <summary>Adds the entry of <paramref name="e"/>: to <paramref name="batch"/> when the timeline is stored (it is
    /// visible once the batch commits), else to memory.</summary>
    public TimelineEntry Apply(ProjectedEvent e, ReadStoreBatch? batch)
    {
        var last = Interlocked.Read(ref _lastApplied);
        if (e.Position <= last)
        {
            throw new ArgumentException(
                $"Event at position {e.Position} arrived after position {last}; the timeline is in store order.", nameof(e));
        }

        if (_store is not null && batch is null)
        {
            throw new InvalidOperationException("A stored timeline takes entries in a read store batch.");
        }

        var entry = _narrator.Narrate(e);
        if (batch is not null)
        {
            batch.Add(entry);
        }
        else
        {
            _byIncident.GetOrAdd(e.IncidentId, static _ => new AppendOnlyList<TimelineEntry>()).Add(entry);
            _all.Add(entry);
        }

        Interlocked.Exchange(ref _lastApplied, e.Position);
        return entry;
    }

    /// <summary>The host resumes at <paramref name="position"/> (its checkpoint, or after a failed batch was undone).</summary>
    internal void ResumeAfter(long position) => Interlocked.Exchange(ref _lastApplied, position);

    /// <summary>Entries of one incident after <paramref name="afterPosition"/> (exclusive), oldest first, at most
    /// <paramref name="limit"/> (capped at <see cref="MaxLimit"/>).</summary>
    public IReadOnlyList<TimelineEntry> ForIncident(Guid incidentId, long afterPosition = GlobalPosition.Start, int limit = DefaultLimit)
    {
        if (_store is not null)
        {
            return Stored(
                "SELECT entry FROM timeline WHERE incident_id = $incident AND position > $after ORDER BY position LIMIT $limit;",
                incidentId, afterPosition, Clamp(limit));
        }

        return _byIncident.TryGetValue(incidentId, out var entries)
            ? Slice(entries.Snapshot(), afterPosition, limit, include: null)
            : [];
    }

    /// <summary>The last <paramref name="limit"/> entries of one incident, oldest first: what a dashboard shows on opening it.</summary>
    public IReadOnlyList<TimelineEntry> Latest(Guid incidentId, int limit = DefaultLimit)
    {
        if (_store is not null)
        {
            var newestFirst = Stored(
                "SELECT entry FROM timeline WHERE incident_id = $incident AND position > $after ORDER BY position DESC LIMIT $limit;",
                incidentId, GlobalPosition.Start, Clamp(limit));
            newestFirst.Reverse();
            return newestFirst;
        }

        if (!_byIncident.TryGetValue(incidentId, out var list))
        {
            return [];
        }

        var entries = list.Snapshot();
        var count = Math.Min(Clamp(limit), entries.Count);
        return [.. entries.Slice(entries.Count - count, count)];
    }

    /// <summary>
    /// Entries of every incident after <paramref name="afterPosition"/> (exclusive), in store order, at most
    /// <paramref name="limit"/>: what a reconnecting client missed. <paramref name="include"/> keeps only the entries
    /// the caller may see (e.g. of incidents visible to the user); the limit counts included entries.
    /// </summary>
    public IReadOnlyList<TimelineEntry> After(long afterPosition, int limit = DefaultLimit, Func<TimelineEntry, bool>? include = null)
    {
        if (_store is null)
        {
            return Slice(_all.Snapshot(), afterPosition, limit, include);
        }

        var max = Clamp(limit);
        var result = new List<TimelineEntry>(Math.Min(max, 64));
        if (max == 0)
        {
            return result;
        }

        // Without a filter the limit goes to SQLite; with one, rows stream until enough are included.
        var sql = include is null
            ? "SELECT entry FROM timeline WHERE position > $after ORDER BY position LIMIT $limit;"
            : "SELECT entry FROM timeline WHERE position > $after ORDER BY position;";
        foreach (var json in _store.Query(sql, p => { p.AddWithValue("$after", afterPosition); p.AddWithValue("$limit", max); }))
        {
            var entry = Read(json);
            if (include is null || include(entry))
            {
                result.Add(entry);
                if (result.Count == max)
                {
                    break;
                }
            }
        }

        return result;
    }

    private List<TimelineEntry> Stored(string sql, Guid incidentId, long afterPosition, int limit) =>
        limit == 0
            ? []
            : [.. _store!.Query(sql, p =>
            {
                p.AddWithValue("$incident", incidentId.ToString("D"));
                p.AddWithValue("$after", afterPosition);
                p.AddWithValue("$limit", limit);
            }).Select(Read)];

    private static TimelineEntry Read(string json) =>
        JsonSerializer.Deserialize<TimelineEntry>(json, ReadStoreJson.Options) ?? throw new InvalidDataException("An empty timeline row.");

    private long Scalar(string sql) => _store!.Scalar(sql);

    private static List<TimelineEntry> Slice(ArraySegment<TimelineEntry> entries, long afterPosition, int limit, Func<TimelineEntry, bool>? include)
    {
        var max = Clamp(limit);
        var result = new List<TimelineEntry>(Math.Min(max, 64));
        for (var i = FirstAfter(entries, afterPosition); i < entries.Count && result.Count < max; i++)
        {
            var entry = entries[i];
            if (include is null || include(entry))
            {
                result.Add(entry);
            }
        }

        return result;
    }

    /// <summary>Index of the first entry whose position is greater than <paramref name="position"/> (binary search).</summary>
    private static int FirstAfter(ArraySegment<TimelineEntry> entries, long position)
    {
        int low = 0, high = entries.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (entries[middle].Position <= position)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static int Clamp(int limit) => Math.Clamp(limit, 0, MaxLimit);
}
