using System.Collections.Concurrent;
using CrisisCenter.EventStore;

namespace CrisisCenter.Application.Projections;

/// <summary>
/// Every incident event as a <see cref="TimelineEntry"/>, per incident and across incidents, in store order.
/// The <see cref="ProjectionHost"/> feeds it after the other read models and hands each new entry to the
/// <see cref="ITimelineListener"/>s, so it is not registered as an <see cref="IProjection"/> itself.
/// Readers never lock and never see half an entry: both lists only grow, and a reader sees a prefix of each.
/// </summary>
/// <remarks>
/// An entry is added to its incident's list before the list of all incidents, so <see cref="LastPosition"/> never
/// names an entry that <see cref="ForIncident"/> does not show yet. Entries are kept in append-only arrays rather than
/// immutable lists: every node of the process holds every entry, and tree nodes plus the garbage of each append were
/// a large share of the read side's memory (see <see cref="AppendOnlyList{T}"/>).
/// </remarks>
public sealed class IncidentTimeline
{
    public const int DefaultLimit = 200;
    public const int MaxLimit = 1000;

    private readonly TimelineNarrator _narrator = new();
    private readonly AppendOnlyList<TimelineEntry> _all = new(1024);
    private readonly ConcurrentDictionary<Guid, AppendOnlyList<TimelineEntry>> _byIncident = new();

    /// <summary>Global position of the last entry, or <see cref="GlobalPosition.Start"/> when there is none.</summary>
    public long LastPosition => _all.Snapshot() is { Count: > 0 } all ? all[^1].Position : GlobalPosition.Start;

    public int Count => _all.Count;

    /// <summary>Adds the entry of <paramref name="e"/> and returns it. Called by the host only, in store order.</summary>
    public TimelineEntry Apply(ProjectedEvent e)
    {
        var all = _all.Snapshot();
        if (all.Count > 0 && e.Position <= all[^1].Position)
        {
            throw new ArgumentException(
                $"Event at position {e.Position} arrived after position {all[^1].Position}; the timeline is in store order.", nameof(e));
        }

        var entry = _narrator.Narrate(e);
        _byIncident.GetOrAdd(e.IncidentId, static _ => new AppendOnlyList<TimelineEntry>()).Add(entry);
        _all.Add(entry);
        return entry;
    }

    /// <summary>Entries of one incident after <paramref name="afterPosition"/> (exclusive), oldest first, at most
    /// <paramref name="limit"/> (capped at <see cref="MaxLimit"/>).</summary>
    public IReadOnlyList<TimelineEntry> ForIncident(Guid incidentId, long afterPosition = GlobalPosition.Start, int limit = DefaultLimit) =>
        _byIncident.TryGetValue(incidentId, out var entries)
            ? Slice(entries.Snapshot(), afterPosition, limit, include: null)
            : [];

    /// <summary>The last <paramref name="limit"/> entries of one incident, oldest first: what a dashboard shows on opening it.</summary>
    public IReadOnlyList<TimelineEntry> Latest(Guid incidentId, int limit = DefaultLimit)
    {
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
    public IReadOnlyList<TimelineEntry> After(long afterPosition, int limit = DefaultLimit, Func<TimelineEntry, bool>? include = null) =>
        Slice(_all.Snapshot(), afterPosition, limit, include);

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
