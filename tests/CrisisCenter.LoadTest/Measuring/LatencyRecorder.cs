using System.Diagnostics;
using HdrHistogram;

namespace CrisisCenter.LoadTest.Measuring;

/// <summary>A thread-safe HdrHistogram of latencies in microseconds (1 µs .. 5 min, 3 significant digits).</summary>
public sealed class LatencyRecorder
{
    private readonly Lock _gate = new();
    private readonly LongHistogram _histogram = new(300_000_000, 3);

    public long Count
    {
        get
        {
            lock (_gate)
            {
                return _histogram.TotalCount;
            }
        }
    }

    /// <summary>Records the time from <paramref name="startTicks"/> to <paramref name="endTicks"/> (both <see cref="Stopwatch"/> ticks).</summary>
    public void Record(long startTicks, long endTicks)
    {
        var micros = Math.Clamp((endTicks - startTicks) * 1_000_000 / Stopwatch.Frequency, 1, 300_000_000);
        lock (_gate)
        {
            _histogram.RecordValue(micros);
        }
    }

    public LatencySummary Summarize()
    {
        lock (_gate)
        {
            if (_histogram.TotalCount == 0)
            {
                return new LatencySummary(0, 0, 0, 0, 0, 0);
            }

            static double Ms(long micros) => Math.Round(micros / 1000.0, 2);
            return new LatencySummary(
                _histogram.TotalCount,
                Ms(_histogram.GetValueAtPercentile(50)),
                Ms(_histogram.GetValueAtPercentile(90)),
                Ms(_histogram.GetValueAtPercentile(99)),
                Ms(_histogram.GetValueAtPercentile(99.9)),
                Ms(_histogram.GetMaxValue()));
        }
    }
}

/// <summary>Latency percentiles in milliseconds.</summary>
public sealed record LatencySummary(long Count, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public override string ToString() => Count == 0 ? "no samples" : $"p50 {P50Ms:0.##} ms, p90 {P90Ms:0.##} ms, p99 {P99Ms:0.##} ms, max {MaxMs:0.##} ms (n={Count})";
}
