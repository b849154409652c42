using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.LoadTest.Measuring;
using CrisisCenter.LoadTest.Target;
using Spectre.Console;

namespace CrisisCenter.LoadTest.History;

/// <summary>
/// <c>seed-history</c> writes a large realistic history into a data directory; <c>startup</c> starts the app on such a
/// directory and measures what a restart costs (time to <c>/health/ready</c>, resident memory once idle) next to the
/// same app started on an empty directory and a raw read of the whole store, both in the same run.
/// </summary>
public static class HistoryCommands
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static Command SeedHistory()
    {
        var data = new Option<string>("--data") { Description = "Data directory to write (its crisiscenter.db is created or added to).", Required = true };
        var events = new Option<long>("--events") { Description = "Events to write.", DefaultValueFactory = _ => 1_000_000 };
        var perIncident = new Option<int>("--events-per-incident") { Description = "Events per incident (the last incident may have fewer).", DefaultValueFactory = _ => 1_000 };
        var parallel = new Option<int>("--parallel") { Description = "Incidents written at the same time.", DefaultValueFactory = _ => 8 };
        var command = new Command("seed-history", "Write a realistic stored history (incidents with updates, trilingual statements, approvals, delivered posts, rumours) through the domain and the store port.")
        {
            data, events, perIncident, parallel,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(events) < 1 || parse.GetValue(perIncident) < 20 || parse.GetValue(parallel) < 1)
            {
                AnsiConsole.MarkupLine("[red]--events must be ≥ 1, --events-per-incident ≥ 20 and --parallel ≥ 1.[/]");
                return 2;
            }

            var directory = Path.GetFullPath(parse.GetValue(data)!);
            await using var store = SeedTarget.OpenForSeeding(directory);
            var seeder = new HistorySeeder(store, IncidentPolicy.Default);
            var target = parse.GetValue(events);
            var lastReport = Stopwatch.StartNew();
            var result = await seeder.SeedAsync(target, parse.GetValue(perIncident), parse.GetValue(parallel),
                new DateTimeOffset(2025, 3, 1, 6, 0, 0, TimeSpan.Zero),
                written =>
                {
                    if (lastReport.Elapsed < TimeSpan.FromSeconds(5)) return;
                    lastReport.Restart();
                    AnsiConsole.MarkupLineInterpolated($"  {written:N0} of {target:N0} events");
                }, ct);
            AnsiConsole.MarkupLineInterpolated(
                $"[green]Wrote[/] {result.Events:N0} events in {result.Incidents:N0} incidents in {result.Elapsed.TotalSeconds:0.0} s: {result.EventsPerSecond:N0} events/s ({directory})");
            return 0;
        });
        return command;
    }

    public static Command Startup()
    {
        var data = new Option<string>("--data") { Description = "Data directory with a stored history (e.g. from seed-history).", Required = true };
        var app = new Option<string?>("--app") { Description = "The app to spawn (default: the Web project's build output of this configuration)." };
        var runs = new Option<int>("--runs") { Description = "Starts on the history (the first may rebuild the read store).", DefaultValueFactory = _ => 3 };
        var settle = new Option<int>("--settle-seconds") { Description = "Seconds idle after ready before the memory is read.", DefaultValueFactory = _ => 15 };
        var delete = new Option<string[]>("--delete-before-first") { Description = "Files of the data directory to delete before the first start (e.g. the read store, to measure a full rebuild).", AllowMultipleArgumentsPerToken = true };
        var output = new Option<string?>("--out") { Description = "Directory for the app logs (default: a new temp directory)." };
        var command = new Command("startup", "Measure start → /health/ready and idle RSS on a stored history, next to an empty store and a raw read of the whole store.")
        {
            data, app, runs, settle, delete, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var dataDirectory = Path.GetFullPath(parse.GetValue(data)!);
            var outDirectory = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(Path.GetTempPath(), "crisiscenter-startup", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", Invariant)));
            Directory.CreateDirectory(outDirectory);
            var dll = parse.GetValue(app) ?? AppLocation.Default();
            var settleFor = TimeSpan.FromSeconds(parse.GetValue(settle));
            AnsiConsole.MarkupLineInterpolated($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}");

            var (rawEvents, rawElapsed) = await RawReadAsync(dataDirectory, ct);
            AnsiConsole.MarkupLineInterpolated($"raw baseline: read all {rawEvents:N0} stored events in {rawElapsed.TotalSeconds:0.00} s ({rawEvents / rawElapsed.TotalSeconds:N0} events/s)");

            var empty = await StartOnceAsync(dll, Path.Combine(outDirectory, "empty"), null, settleFor, ct);
            AnsiConsole.MarkupLineInterpolated($"empty store: ready after {empty.Ready.TotalSeconds:0.00} s, RSS {empty.RssMb:0} MB once idle");

            foreach (var name in parse.GetValue(delete) ?? [])
            {
                foreach (var file in Directory.EnumerateFiles(dataDirectory, name))
                {
                    File.Delete(file);
                    AnsiConsole.MarkupLineInterpolated($"deleted {file}");
                }
            }

            for (var i = 1; i <= parse.GetValue(runs); i++)
            {
                var run = await StartOnceAsync(dll, Path.Combine(outDirectory, $"history-{i}"), dataDirectory, settleFor, ct);
                AnsiConsole.MarkupLineInterpolated(
                    $"history start {i}: ready after {run.Ready.TotalSeconds:0.00} s ({run.Ready / empty.Ready:0.00} × empty store), RSS {run.RssMb:0} MB once idle ({run.RssMb / empty.RssMb:0.00} × empty store), load average {LoadAverage()}");
            }

            AnsiConsole.MarkupLineInterpolated($"logs: {outDirectory}");
            return 0;
        });
        return command;
    }

    public static Command TimelinePages()
    {
        var data = new Option<string>("--data") { Description = "Data directory with a stored history (e.g. seed-history --events 100000 --events-per-incident 100000).", Required = true };
        var app = new Option<string?>("--app") { Description = "The app to spawn (default: the Web project's build output of this configuration)." };
        var incident = new Option<int>("--incident") { Description = "Which seeded incident's timeline to page (0-based).", DefaultValueFactory = _ => 0 };
        var requests = new Option<int>("--requests") { Description = "Pages measured (after as many unmeasured).", DefaultValueFactory = _ => 2000 };
        var limit = new Option<int>("--limit") { Description = "Entries a page.", DefaultValueFactory = _ => 100 };
        var output = new Option<string?>("--out") { Description = "Directory for the app log (default: a new temp directory)." };
        var command = new Command("timeline-pages", "Measure timeline pages (GET /api/incidents/{id}/timeline?after=…&limit=…) of a large stored incident, one at a time, next to GET /health/live through the same stack.")
        {
            data, app, incident, requests, limit, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var dataDirectory = Path.GetFullPath(parse.GetValue(data)!);
            var outDirectory = Path.GetFullPath(parse.GetValue(output) ?? Path.Combine(Path.GetTempPath(), "crisiscenter-pages", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", Invariant)));
            Directory.CreateDirectory(outDirectory);
            var incidentId = HistorySeeder.IncidentIdOf(parse.GetValue(incident));
            var count = parse.GetValue(requests);
            var pageSize = parse.GetValue(limit);
            AnsiConsole.MarkupLineInterpolated($"machine: {Environment.ProcessorCount} cores, load average {LoadAverage()}");
            await using var spawned = await SpawnedApp.StartAsync(parse.GetValue(app) ?? AppLocation.Default(), outDirectory, [], TimeSpan.FromMinutes(15), ct, dataDirectory);
            using var client = await CrisisCenterClient.SignInAsync(spawned.Address, "press.mes", "demo-pass-2026", ct);

            // The incident's position range: its first entry and the store's last event.
            var first = FirstPosition(await client.GetAsync($"api/incidents/{incidentId:D}/timeline?limit=1", ct));
            var last = await LastStoredPositionAsync(dataDirectory, ct);
            var random = new Random(42);
            string PagePath() => $"api/incidents/{incidentId:D}/timeline?after={random.NextInt64(first - 1, last)}&limit={pageSize}";

            var pages = await TimeAsync(count, () => client.GetAsync(PagePath(), ct));
            var live = await TimeAsync(count, () => client.GetAsync("health/live", ct));
            AnsiConsole.MarkupLineInterpolated(
                $"timeline pages of {pageSize} (positions {first:N0}–{last:N0}): p50 {Percentile(pages, 0.50):0.00} ms, p99 {Percentile(pages, 0.99):0.00} ms, max {pages[^1]:0.00} ms");
            AnsiConsole.MarkupLineInterpolated(
                $"baseline GET /health/live: p50 {Percentile(live, 0.50):0.00} ms, p99 {Percentile(live, 0.99):0.00} ms; page p99 = {Percentile(pages, 0.99) / Percentile(live, 0.99):0.0} × baseline p99; load average {LoadAverage()}");
            return 0;
        });
        return command;
    }

    /// <summary>Runs <paramref name="request"/> <paramref name="count"/> times unmeasured, then <paramref name="count"/>
    /// times measured one after another; the latencies in milliseconds, sorted.</summary>
    private static async Task<double[]> TimeAsync(int count, Func<Task<string>> request)
    {
        for (var i = 0; i < count; i++) await request();
        var latencies = new double[count];
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await request();
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(latencies);
        return latencies;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static long FirstPosition(string page)
    {
        using var json = System.Text.Json.JsonDocument.Parse(page);
        return json.RootElement.GetArrayLength() > 0
            ? json.RootElement[0].GetProperty("position").GetInt64()
            : throw new InvalidOperationException("The incident has no timeline: seed it first (seed-history).");
    }

    private static async Task<long> LastStoredPositionAsync(string dataDirectory, CancellationToken ct)
    {
        await using var store = SeedTarget.OpenSqlite(dataDirectory);
        return await store.GetLastPositionAsync(ct);
    }

    private sealed record StartMeasure(TimeSpan Ready, double RssMb);

    private static async Task<StartMeasure> StartOnceAsync(string dll, string runDirectory, string? dataDirectory, TimeSpan settle, CancellationToken ct)
    {
        Directory.CreateDirectory(runDirectory);
        var clock = Stopwatch.StartNew();
        await using var app = await SpawnedApp.StartAsync(dll, runDirectory, [], TimeSpan.FromMinutes(15), ct, dataDirectory);
        var ready = clock.Elapsed;
        await Task.Delay(settle, ct);
        var memory = ProcessMemory.Read(app.ProcessId) ?? throw new InvalidOperationException("Could not read the app's memory from /proc.");
        return new StartMeasure(ready, memory.RssMb);
    }

    private static async Task<(long Events, TimeSpan Elapsed)> RawReadAsync(string dataDirectory, CancellationToken ct)
    {
        await using var store = SeedTarget.OpenSqlite(dataDirectory);
        var clock = Stopwatch.StartNew();
        long count = 0;
        await foreach (var _ in store.ReadAllAsync(cancellationToken: ct)) count++;
        return (count, clock.Elapsed);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
