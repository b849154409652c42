using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using static CrisisCenter.LoadTest.Reporting.Targets;

namespace CrisisCenter.LoadTest.Reporting;

/// <summary>Writes <c>result.json</c> (everything) and <c>summary.md</c> (the tables BENCHMARKS.md takes).</summary>
public static class ResultFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public static async Task WriteAsync(string directory, LoadResult result, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(Path.Combine(directory, "result.json"), JsonSerializer.Serialize(result, Json), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "summary.md"), Markdown(result), cancellationToken);
    }

    public static string Markdown(LoadResult result)
    {
        var md = new StringBuilder();
        var m = result.Machine;
        md.AppendLine($"## Load run {m.At:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine($"- Machine: {m.Cpu}, {m.Cores} cores, {m.Os}, {m.Runtime}");
        md.AppendLine($"- Command: `{result.CommandLine}`");
        foreach (var load in result.LoadAverages) md.AppendLine($"- {load}");
        md.AppendLine();
        if (result.Targets.Count > 0)
        {
            md.AppendLine("| target | measured | same-run baseline | ratio | met |");
            md.AppendLine("|---|---|---|---|---|");
            foreach (var t in result.Targets)
            {
                var met = t.Met switch { true => "met", false => "**missed**", null => "—" };
                md.AppendLine($"| {t.Target} | {t.Measured} | {t.Baseline} | {t.Ratio} | {met}{(t.Note.Length > 0 ? $" ({t.Note})" : "")} |");
            }

            md.AppendLine();
        }

        if (result.Baselines is { } b)
        {
            md.AppendLine("| baseline | figure |");
            md.AppendLine("|---|---|");
            md.AppendLine($"| SQLite single-row durable commits (WAL, synchronous=FULL) | {F(b.SqliteSingleCommitsPerSecond)} commits/s |");
            md.AppendLine($"| SQLite batched inserts ({b.SqliteBatchSize} rows/commit) | {F(b.SqliteBatchedRowsPerSecond)} rows/s |");
            md.AppendLine($"| bare SignalR hub broadcast | {F(b.BareHubDeliveriesPerSecond)} deliveries/s ({b.BareHubBroadcasts} broadcasts; latency {b.BareHubLatency}) |");
            md.AppendLine($"| bare Orleans grain ping (in-process silo, 64 in flight) | {F(b.OrleansPingCallsPerSecond)} calls/s |");
            md.AppendLine();
        }

        if (result.System is { } s)
        {
            md.AppendLine("| phase | commands ok / failed | cmd/s | command latency | receipt latency | deliveries (expected) | dup | deliveries/s | app CPU per command / per delivery |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|");
            foreach (var p in new[] { s.Latency, s.Throughput, s.FanOut, s.ThroughputNoDashboards }.OfType<PhaseFigures>())
            {
                md.AppendLine($"| {p.Name} ({p.Seconds:0.#} s) | {p.Succeeded} / {p.Failed}{Errors(p)} | {F(p.CommandsPerSecond)} | {p.CommandLatency} | {p.ReceiptLatency} | {p.Deliveries} ({p.ExpectedDeliveries}) | {p.Duplicates} | {F(p.DeliveriesPerSecond)} | {Cpu(p)} |");
            }

            md.AppendLine();
            if (s.Memory is { } mem)
            {
                md.AppendLine($"App RSS: {F(mem.IdleRssMb)} MB idle after start, {F(mem.AfterLoadRssMb)} MB after the latency phase, {F(mem.RssAtScaleMb)} MB with {mem.ActiveIncidents} incidents and {mem.Connections} connections (peak {F(mem.PeakAtScaleMb)} MB). Client disconnects: {s.ClientDisconnects}.");
                md.AppendLine();
            }
        }

        return md.ToString();
    }

    private static string Cpu(PhaseFigures p) => p.AppCpuSeconds is null
        ? "—"
        : $"{p.AppCpuMsPerCommand:0.00} ms{(p.AppCpuUsPerDelivery is { } us ? $" / {us:0.0} µs" : "")} ({p.AppCpuSeconds:0.0} s CPU)";

    private static string Errors(PhaseFigures p) =>
        p.Errors.Count == 0 ? "" : " (" + string.Join(", ", p.Errors.Select(e => $"{e.Key}: {e.Value}")) + ")";
}
