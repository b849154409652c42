namespace CrisisCenter.Application.Projections;

/// <summary>
/// How long something took, over <see cref="Count"/> occurrences. <see cref="Median"/> is the middle value (the mean
/// of the two middle values for an even count); <see cref="P90"/> the nearest-rank 90th percentile: the smallest
/// value that at least 90% of the occurrences do not exceed. Both null when nothing happened yet.
/// </summary>
public sealed record DurationStats(int Count, TimeSpan? Median, TimeSpan? P90)
{
    public static DurationStats None { get; } = new(0, null, null);

    public static DurationStats Of(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.Order().ToArray();
        var n = sorted.Length;
        if (n == 0)
        {
            return None;
        }

        var median = n % 2 == 1
            ? sorted[n / 2]
            : Midpoint(sorted[(n / 2) - 1], sorted[n / 2]);
        var p90Rank = ((9 * n) + 9) / 10; // ceil(0.9 n) in integers, 1-based
        return new DurationStats(n, median, sorted[p90Rank - 1]);
    }

    private static TimeSpan Midpoint(TimeSpan low, TimeSpan high) => TimeSpan.FromTicks(low.Ticks + ((high.Ticks - low.Ticks) / 2));
}
