using System.Globalization;

namespace CrisisCenter.LoadTest.Reporting;

/// <summary>Issue 8's load targets, each against this run's figures and same-run baselines.</summary>
public static class Targets
{
    public static IReadOnlyList<TargetCheck> Check(RunSettings settings, BaselineFigures? baselines, SystemFigures? system)
    {
        var checks = new List<TargetCheck>();
        if (system is null) return checks;

        var p99 = system.Latency.ReceiptLatency.P99Ms;
        var atTargetLoad = settings.Rate >= 200 && settings.Clients >= 500;
        checks.Add(new TargetCheck(
            "command → dashboard receipt p99 ≤ 25 ms at 200 cmd/s, 500 clients",
            $"p99 {F(p99)} ms at {F(settings.Rate)} cmd/s, {settings.Clients} clients",
            "—", "—",
            system.Latency.ReceiptLatency.Count == 0 ? false : p99 <= 25,
            atTargetLoad ? "" : "run below the target load"));

        if (system.Throughput is { } throughput && baselines is not null)
        {
            var perSecond = throughput.CommandsPerSecond; // one event per situation update
            var single = perSecond / baselines.SqliteSingleCommitsPerSecond;
            checks.Add(new TargetCheck("sustained throughput ≥ 5× raw single-row commit", $"{F(perSecond)} events/s",
                $"{F(baselines.SqliteSingleCommitsPerSecond)} commits/s", $"{single:0.00}×", single >= 5, ""));
            var batched = perSecond / baselines.SqliteBatchedRowsPerSecond;
            checks.Add(new TargetCheck("sustained throughput ≥ 0.5× raw batched insert", $"{F(perSecond)} events/s",
                $"{F(baselines.SqliteBatchedRowsPerSecond)} rows/s", $"{batched:0.000}×", batched >= 0.5, ""));
        }

        if (system.ThroughputNoDashboards is { } bare && baselines is not null)
        {
            // The same targets for the command path alone (no dashboard connected): how much of the gap is fan-out.
            var perSecond = bare.CommandsPerSecond;
            var single = perSecond / baselines.SqliteSingleCommitsPerSecond;
            checks.Add(new TargetCheck("sustained throughput ≥ 5× raw single-row commit (no dashboards)", $"{F(perSecond)} events/s",
                $"{F(baselines.SqliteSingleCommitsPerSecond)} commits/s", $"{single:0.00}×", single >= 5, "no dashboard connected"));
            var batched = perSecond / baselines.SqliteBatchedRowsPerSecond;
            checks.Add(new TargetCheck("sustained throughput ≥ 0.5× raw batched insert (no dashboards)", $"{F(perSecond)} events/s",
                $"{F(baselines.SqliteBatchedRowsPerSecond)} rows/s", $"{batched:0.000}×", batched >= 0.5, "no dashboard connected"));
        }

        if (system.FanOut is { } fanOut && baselines is not null)
        {
            var ratio = fanOut.DeliveriesPerSecond / baselines.BareHubDeliveriesPerSecond;
            checks.Add(new TargetCheck($"fan-out deliveries/s ≥ 0.8× bare hub ({system.FanOutClients} clients)", $"{F(fanOut.DeliveriesPerSecond)} deliveries/s",
                $"{F(baselines.BareHubDeliveriesPerSecond)} deliveries/s", $"{ratio:0.00}×", ratio >= 0.8, ""));
        }

        if (system.Memory is { } memory)
        {
            checks.Add(new TargetCheck("≤ 300 MB RSS with 1,000 active incidents and 1,000 connections",
                $"{F(memory.RssAtScaleMb)} MB RSS ({memory.ActiveIncidents} incidents, {memory.Connections} connections; peak {F(memory.PeakAtScaleMb)} MB)",
                "—", "—", memory.RssAtScaleMb <= 300, memory.ActiveIncidents >= 1000 && memory.Connections >= 1000 ? "" : "run below the target scale"));
        }

        if (baselines is not null && system.Throughput is { } t)
        {
            checks.Add(new TargetCheck("(context) command rate vs bare grain ping", $"{F(t.CommandsPerSecond)} cmd/s",
                $"{F(baselines.OrleansPingCallsPerSecond)} calls/s", $"{t.CommandsPerSecond / baselines.OrleansPingCallsPerSecond:0.000}×", null, "no target"));
        }

        return checks;
    }

    public static string F(double value) => value.ToString(value >= 100 ? "#,0" : "0.##", CultureInfo.InvariantCulture);
}
