using CrisisCenter.LoadTest.Measuring;

namespace CrisisCenter.LoadTest.Reporting;

public sealed record LoadResult(
    Machine Machine,
    string CommandLine,
    RunSettings Settings,
    BaselineFigures? Baselines,
    SystemFigures? System,
    IReadOnlyList<TargetCheck> Targets,
    IReadOnlyList<string> LoadAverages);

public sealed record BaselineFigures(
    double SqliteSingleCommitsPerSecond,
    double SqliteBatchedRowsPerSecond,
    int SqliteBatchSize,
    double BareHubDeliveriesPerSecond,
    long BareHubBroadcasts,
    LatencySummary BareHubLatency,
    double OrleansPingCallsPerSecond);

public sealed record PhaseFigures(
    string Name,
    double Seconds,
    long Succeeded,
    long Failed,
    IReadOnlyDictionary<string, int> Errors,
    double CommandsPerSecond,
    LatencySummary CommandLatency,
    LatencySummary ReceiptLatency,
    long Deliveries,
    long ExpectedDeliveries,
    long Duplicates,
    double DeliveriesPerSecond,
    double? AppCpuSeconds = null)
{
    /// <summary>The app's CPU per successful command (spawned app only): with the deliveries it caused.</summary>
    public double? AppCpuMsPerCommand => AppCpuSeconds is { } cpu && Succeeded > 0 ? Math.Round(cpu * 1000 / Succeeded, 3) : null;

    /// <summary>The app's CPU per delivery to a dashboard (spawned app only): with the commands that caused them.</summary>
    public double? AppCpuUsPerDelivery => AppCpuSeconds is { } cpu && Deliveries > 0 ? Math.Round(cpu * 1_000_000 / Deliveries, 2) : null;

    public static PhaseFigures From(PhaseStats phase, long expectedDeliveries, double? appCpuSeconds = null)
    {
        var seconds = Math.Max((phase.EndedAt - phase.StartedAt) / (double)System.Diagnostics.Stopwatch.Frequency, 1e-9);
        var deliverySpan = phase.LastReceipt > phase.StartedAt
            ? (phase.LastReceipt - phase.StartedAt) / (double)System.Diagnostics.Stopwatch.Frequency
            : seconds;
        return new PhaseFigures(
            phase.Name,
            Math.Round(seconds, 2),
            phase.Succeeded,
            phase.Failed,
            phase.Errors,
            Math.Round(phase.Succeeded / seconds, 1),
            phase.CommandLatency.Summarize(),
            phase.ReceiptLatency.Summarize(),
            phase.Deliveries,
            expectedDeliveries,
            phase.Duplicates,
            Math.Round(phase.Deliveries / Math.Max(deliverySpan, 1e-9), 1),
            appCpuSeconds is { } cpu ? Math.Round(cpu, 3) : null);
    }
}

public sealed record MemoryFigures(double IdleRssMb, double AfterLoadRssMb, double PeakRssMb, int ActiveIncidents, int Connections, double RssAtScaleMb, double PeakAtScaleMb);

public sealed record SystemFigures(
    string Address,
    bool Spawned,
    PhaseFigures Latency,
    PhaseFigures? Throughput,
    PhaseFigures? FanOut,
    int FanOutClients,
    MemoryFigures? Memory,
    long ClientDisconnects,
    PhaseFigures? ThroughputNoDashboards = null);

/// <summary>One target of issue 8 next to what was measured.</summary>
public sealed record TargetCheck(string Target, string Measured, string Baseline, string Ratio, bool? Met, string Note);
