using System.CommandLine;
using CrisisCenter.LoadTest;
using CrisisCenter.LoadTest.Reporting;
using Spectre.Console;

var url = new Option<Uri?>("--url") { Description = "Base address of a running CrisisCenter (e.g. http://127.0.0.1:5080)." };
var spawn = new Option<bool>("--spawn") { Description = "Start CrisisCenter as a child process on a fresh SQLite data directory with the demo seed, and measure its RSS." };
var app = new Option<string?>("--app") { Description = "The app to spawn (crisiscenter.dll) (default: the Web project's build output of this configuration)." };
var clients = new Option<int>("--clients") { Description = "Dashboard clients (SignalR connections), each following one incident.", DefaultValueFactory = _ => 500 };
var rate = new Option<double>("--rate") { Description = "Commands per second in the latency phase (open loop).", DefaultValueFactory = _ => 200 };
var incidents = new Option<int>("--incidents") { Description = "Incidents the commands are spread across.", DefaultValueFactory = _ => 50 };
var duration = new Option<int>("--duration") { Description = "Seconds of the latency phase.", DefaultValueFactory = _ => 60 };
var user = new Option<string>("--user") { Description = "Account that sends the commands and opens the dashboards.", DefaultValueFactory = _ => "press.mes" };
var password = new Option<string>("--password") { Description = "Its password.", DefaultValueFactory = _ => "demo-pass-2026" };
var output = new Option<string?>("--out") { Description = "Directory for result.json, summary.md, app.log and the data (default: a new directory under the system temp directory)." };
var baselineSeconds = new Option<int>("--baseline-seconds") { Description = "Seconds of each SQLite and Orleans baseline.", DefaultValueFactory = _ => 5 };
var throughputSeconds = new Option<int>("--throughput-seconds") { Description = "Seconds of the closed-loop throughput phase (0: skip).", DefaultValueFactory = _ => 15 };
var throughputConcurrency = new Option<int>("--throughput-concurrency") { Description = "Commands in flight in the throughput phase.", DefaultValueFactory = _ => 64 };
var throughputBareSeconds = new Option<int>("--throughput-no-dashboards-seconds") { Description = "Seconds of the same closed loop before any dashboard connects (after 5 s unmeasured) (0: skip).", DefaultValueFactory = _ => 15 };
var fanOutSeconds = new Option<int>("--fanout-seconds") { Description = "Seconds of the fan-out phase and of the bare hub baseline (0: skip).", DefaultValueFactory = _ => 10 };
var fanOutConcurrency = new Option<int>("--fanout-concurrency") { Description = "Commands in flight to the one fan-out incident.", DefaultValueFactory = _ => 16 };
var scaleIncidents = new Option<int>("--scale-incidents") { Description = "Active incidents for the RSS measurement (spawned app only; 0: skip).", DefaultValueFactory = _ => 1000 };
var scaleConnections = new Option<int>("--scale-connections") { Description = "Connections for the RSS measurement.", DefaultValueFactory = _ => 1000 };
var maxInFlight = new Option<int>("--max-in-flight") { Description = "Open loop: commands in flight beyond this are not sent and count as errors.", DefaultValueFactory = _ => 2000 };
var warmupSeconds = new Option<int>("--warmup-seconds") { Description = "Seconds of unmeasured load at the latency phase's rate first (JIT, pools, caches).", DefaultValueFactory = _ => 10 };
var holdSeconds = new Option<int>("--hold-seconds") { Description = "Spawned app: keep it (and every connection) up this many seconds after the RSS measurement, its PID in app.pid under --out (e.g. for dotnet-gcdump or dotnet-counters).", DefaultValueFactory = _ => 0 };
var skipBaselines = new Option<bool>("--skip-baselines") { Description = "Measure only the system." };
var data = new Option<string?>("--data") { Description = "Spawned app: use this data directory (e.g. one made by seed-history) instead of a fresh one; the run adds to it." };
var appEnv = new Option<string[]>("--app-env") { Description = "KEY=VALUE environment variables for the spawned app (repeatable), e.g. DOTNET_gcServer=1 (the app runs workstation GC by default).", AllowMultipleArgumentsPerToken = false };

var run = new Command("run", "Drive CrisisCenter over HTTP and SignalR and measure it against raw baselines taken in the same run.")
{
    url, spawn, app, clients, rate, incidents, duration, user, password, output, baselineSeconds, throughputSeconds, throughputConcurrency,
    throughputBareSeconds, fanOutSeconds, fanOutConcurrency, scaleIncidents, scaleConnections, maxInFlight, skipBaselines, appEnv, warmupSeconds, holdSeconds, data,
};
run.Validators.Add(result =>
{
    if (result.GetValue(url) is null && !result.GetValue(spawn)) result.AddError("Pass --url of a running system, or --spawn.");
    if (result.GetValue(clients) < 1 || result.GetValue(incidents) < 1 || result.GetValue(rate) <= 0 || result.GetValue(duration) < 1)
        result.AddError("--clients, --incidents, --rate and --duration must be positive.");
});
run.SetAction((parse, cancellationToken) => Execute(parse, skipSystem: false, cancellationToken));

var baselines = new Command("baselines", "Measure only the raw baselines (SQLite commits and batches, bare SignalR hub, Orleans ping).")
{
    clients, output, baselineSeconds, fanOutSeconds,
};
baselines.SetAction((parse, cancellationToken) => Execute(parse, skipSystem: true, cancellationToken));

var root = new RootCommand("CrisisCenter load harness: command → dashboard latency, throughput, fan-out and memory, next to raw baselines.")
{
    run, baselines, CrisisCenter.LoadTest.History.HistoryCommands.SeedHistory(), CrisisCenter.LoadTest.History.HistoryCommands.Startup(),
    CrisisCenter.LoadTest.History.HistoryCommands.TimelinePages(),
};
return await root.Parse(args).InvokeAsync();

async Task<int> Execute(ParseResult parse, bool skipSystem, CancellationToken cancellationToken)
{
    var directory = parse.GetValue(output) ?? Path.Combine(Path.GetTempPath(), "crisiscenter-load", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
    var settings = new RunSettings(
        parse.GetValue(url), parse.GetValue(spawn), parse.GetValue(app), parse.GetValue(clients), parse.GetValue(rate), parse.GetValue(incidents),
        parse.GetValue(duration), parse.GetValue(user)!, parse.GetValue(password)!, Path.GetFullPath(directory), parse.GetValue(baselineSeconds),
        parse.GetValue(throughputSeconds), parse.GetValue(throughputConcurrency), parse.GetValue(fanOutSeconds), parse.GetValue(fanOutConcurrency),
        parse.GetValue(scaleIncidents), parse.GetValue(scaleConnections), parse.GetValue(maxInFlight), parse.GetValue(skipBaselines), skipSystem,
        parse.GetValue(appEnv) ?? [], parse.GetValue(warmupSeconds), parse.GetValue(throughputBareSeconds), parse.GetValue(holdSeconds),
        parse.GetValue(data) is { } dataDirectory ? Path.GetFullPath(dataDirectory) : null);
    var commandLine = "dotnet run --project tests/CrisisCenter.LoadTest -c Release -- " + string.Join(' ', args);
    try
    {
        var result = await new LoadRun(settings, commandLine).ExecuteAsync(cancellationToken);
        AnsiConsole.WriteLine();
        AnsiConsole.Write(new Markup(Markup.Escape(ResultFiles.Markdown(result))));
        AnsiConsole.MarkupLineInterpolated($"[green]Results:[/] {Path.Combine(settings.OutputDirectory, "result.json")} and summary.md");
        return 0;
    }
    catch (Exception e) when (e is not OperationCanceledException)
    {
        AnsiConsole.MarkupLineInterpolated($"[red]The run failed:[/] {e.Message}");
        AnsiConsole.MarkupLineInterpolated($"Partial output in {settings.OutputDirectory}");
        return 1;
    }
}
