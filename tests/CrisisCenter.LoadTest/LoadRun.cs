using System.Diagnostics;
using System.Globalization;
using CrisisCenter.LoadTest.Baselines;
using CrisisCenter.LoadTest.Measuring;
using CrisisCenter.LoadTest.Reporting;
using CrisisCenter.LoadTest.Target;
using Spectre.Console;

namespace CrisisCenter.LoadTest;

/// <summary>One full run: raw baselines first (nothing else of ours running), then the system phases, then the report.</summary>
public sealed class LoadRun(RunSettings settings, string commandLine)
{
    private readonly List<string> _loadAverages = [];

    public async Task<LoadResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(settings.OutputDirectory);
        var machine = Machine.Describe();
        Note("start");
        BaselineFigures? baselines = null;
        SystemFigures? system = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                if (!settings.SkipBaselines) baselines = await BaselinesAsync(ctx, cancellationToken);
                if (!settings.SkipSystem) system = await SystemAsync(ctx, cancellationToken);
            });
        Note("end");
        var result = new LoadResult(machine, commandLine, settings, baselines, system, Targets.Check(settings, baselines, system), _loadAverages);
        await ResultFiles.WriteAsync(settings.OutputDirectory, result, cancellationToken);
        return result;
    }

    private async Task<BaselineFigures> BaselinesAsync(ProgressContext ctx, CancellationToken cancellationToken)
    {
        var seconds = TimeSpan.FromSeconds(settings.BaselineSeconds);
        const int batch = 500;
        Note("baselines");
        var single = await Stage(ctx, "SQLite single-row durable commits", seconds, _ => Task.Run(() => SqliteBaseline.SingleCommitsPerSecond(settings.OutputDirectory, seconds), cancellationToken), null);
        var batched = await Stage(ctx, $"SQLite batched inserts ({batch}/commit)", seconds, _ => Task.Run(() => SqliteBaseline.BatchedRowsPerSecond(settings.OutputDirectory, seconds, batch), cancellationToken), null);
        var ping = await Stage(ctx, "Orleans grain ping (in-process silo)", seconds, _ => OrleansPingBaseline.CallsPerSecondAsync(seconds, 64, cancellationToken), null);
        string hubStatus = "";
        var hub = await Stage(ctx, $"Bare SignalR hub broadcast to {settings.Clients} clients", TimeSpan.FromSeconds(settings.FanOutSeconds),
            _ => BareHubBaseline.RunAsync(settings.Clients, TimeSpan.FromSeconds(settings.FanOutSeconds), s => hubStatus = s, cancellationToken), () => hubStatus);
        Note("baselines done");
        return new BaselineFigures(Math.Round(single, 1), Math.Round(batched, 1), batch, Math.Round(hub.DeliveriesPerSecond, 1), hub.Sent, hub.Latency, Math.Round(ping, 1));
    }

    private async Task<SystemFigures> SystemAsync(ProgressContext ctx, CancellationToken cancellationToken)
    {
        SpawnedApp? app = null;
        try
        {
            Uri address;
            if (settings.Spawn)
            {
                var dll = settings.AppDll ?? AppLocation.Default();
                app = await Stage(ctx, settings.DataDirectory is null ? "Start CrisisCenter (fresh SQLite data, demo seed)" : "Start CrisisCenter (stored history, demo seed)", TimeSpan.FromSeconds(30),
                    _ => SpawnedApp.StartAsync(dll, settings.OutputDirectory, settings.AppEnvironment, TimeSpan.FromMinutes(10), cancellationToken, settings.DataDirectory), null);
                address = app.Address;
                Note($"app started, pid {app.ProcessId}");
            }
            else
            {
                address = settings.Url ?? throw new InvalidOperationException("Pass --url of a running system, or --spawn.");
            }

            var pid = app?.ProcessId;
            double peakRss = 0;
            void SampleRss()
            {
                if (pid is { } p && ProcessMemory.Read(p) is { } m) peakRss = Math.Max(peakRss, m.RssMb);
            }

            using var api = await SignInAsync(address, cancellationToken);
            var probe = new Probe(4_000_000);
            var phases = new PhaseBook();
            var idleRss = pid is { } ip ? ProcessMemory.Read(ip)?.RssMb ?? 0 : 0;

            var incidents = new List<Guid>();
            await Stage(ctx, $"Declare {settings.Incidents} incidents", TimeSpan.FromSeconds(Math.Max(5, settings.Incidents / 20)),
                async _ => incidents.AddRange(await DeclareAsync(api, settings.Incidents, "Load incident", cancellationToken)), () => $"{incidents.Count}");
            var hot = (await DeclareAsync(api, 1, "Load fan-out incident", cancellationToken))[0];

            var load = new CommandLoad(api, probe);
            // The command path alone: the throughput phase's closed loop before any dashboard connects, so the cost of
            // the live timeline's fan-out shows as the difference to the throughput phase. First seconds unmeasured (JIT).
            PhaseFigures? bareFigures = null;
            if (settings.ThroughputNoDashboardsSeconds > 0)
            {
                var bareWarmup = phases.Begin("warm-up, no dashboards", probe);
                var warmupSeconds = Math.Min(5, settings.ThroughputNoDashboardsSeconds);
                await Stage(ctx, $"Warm-up, no dashboards: {settings.ThroughputConcurrency} in flight for {warmupSeconds} s (not measured)", TimeSpan.FromSeconds(warmupSeconds),
                    _ => load.ClosedLoopAsync(bareWarmup, incidents, settings.ThroughputConcurrency, TimeSpan.FromSeconds(warmupSeconds), cancellationToken),
                    () => $"{bareWarmup.Succeeded} ok, {bareWarmup.Failed} failed");
                Note("throughput phase, no dashboards");
                var bare = phases.Begin("throughput, no dashboards", probe);
                var cpu = ProcessCpu.Read(pid);
                await Stage(ctx, $"Closed loop, no dashboards: {settings.ThroughputConcurrency} in flight across {settings.Incidents} incidents", TimeSpan.FromSeconds(settings.ThroughputNoDashboardsSeconds),
                    _ => load.ClosedLoopAsync(bare, incidents, settings.ThroughputConcurrency, TimeSpan.FromSeconds(settings.ThroughputNoDashboardsSeconds), cancellationToken),
                    () => { SampleRss(); return $"{bare.Succeeded} ok, {bare.Failed} failed"; });
                bareFigures = PhaseFigures.From(bare, 0, ProcessCpu.Since(pid, cpu));
            }

            await using var fleet = new DashboardFleet(address, api.Token, probe, phases);
            var connected = 0;
            await Stage(ctx, $"Connect {settings.Clients} dashboards", TimeSpan.FromSeconds(Math.Max(5, settings.Clients / 50)),
                _ => fleet.ConnectAsync(settings.Clients, i => incidents[i % incidents.Count], n => connected = n, cancellationToken), () => $"{connected}");
            var followers = fleet.Followers();

            // 0. Warm-up at the same rate, not measured: a cold app (JIT, connection pools, read models) would
            // otherwise put its first seconds into the percentiles.
            if (settings.WarmupSeconds > 0)
            {
                var warmup = phases.Begin("warm-up", probe);
                await Stage(ctx, $"Warm-up: {settings.Rate} cmd/s for {settings.WarmupSeconds} s (not measured)", TimeSpan.FromSeconds(settings.WarmupSeconds),
                    _ => load.OpenLoopAsync(warmup, incidents, settings.Rate, TimeSpan.FromSeconds(settings.WarmupSeconds), settings.MaxInFlight, cancellationToken),
                    () => $"{warmup.Succeeded} ok, {warmup.Failed} failed");
                await DrainAsync(warmup, followers, incidents, 0, 0, cancellationToken);
            }

            // 1. Latency at the target rate: open loop, every client following one incident.
            Note("latency phase");
            var latency = phases.Begin("latency", probe);
            var latencyCpu = ProcessCpu.Read(pid);
            await Stage(ctx, $"Open loop: {settings.Rate} cmd/s across {settings.Incidents} incidents", TimeSpan.FromSeconds(settings.DurationSeconds),
                _ => load.OpenLoopAsync(latency, incidents, settings.Rate, TimeSpan.FromSeconds(settings.DurationSeconds), settings.MaxInFlight, cancellationToken),
                () => { SampleRss(); return $"{latency.Succeeded} ok, {latency.Failed} failed, {latency.Deliveries} receipts"; });
            var latencyExpected = await DrainAsync(latency, followers, incidents, settings.DurationSeconds, settings.Rate, cancellationToken);
            // Figures are taken now: connections opened later (scale phase) receive the incidents' history, which must
            // not count as this phase's receipts.
            var latencyFigures = PhaseFigures.From(latency, latencyExpected, ProcessCpu.Since(pid, latencyCpu));
            var afterLoadRss = pid is { } ap ? ProcessMemory.Read(ap)?.RssMb ?? 0 : 0;

            // 2. Sustained throughput: closed loop, as fast as answered.
            PhaseFigures? throughputFigures = null;
            if (settings.ThroughputSeconds > 0)
            {
                Note("throughput phase");
                var throughput = phases.Begin("throughput", probe);
                var cpu = ProcessCpu.Read(pid);
                await Stage(ctx, $"Closed loop: {settings.ThroughputConcurrency} in flight across {settings.Incidents} incidents", TimeSpan.FromSeconds(settings.ThroughputSeconds),
                    _ => load.ClosedLoopAsync(throughput, incidents, settings.ThroughputConcurrency, TimeSpan.FromSeconds(settings.ThroughputSeconds), cancellationToken),
                    () => { SampleRss(); return $"{throughput.Succeeded} ok, {throughput.Failed} failed"; });
                var drained = await DrainAsync(throughput, followers, incidents, 0, 0, cancellationToken);
                throughputFigures = PhaseFigures.From(throughput, drained, ProcessCpu.Since(pid, cpu));
            }

            // 3. Fan-out: every client also follows one hot incident that gets commands as fast as answered.
            PhaseFigures? fanOutFigures = null;
            var fanOutClients = fleet.Count;
            if (settings.FanOutSeconds > 0)
            {
                Note("fan-out phase");
                await fleet.JoinAllAsync(hot, cancellationToken);
                var fanOut = phases.Begin("fan-out", probe);
                var cpu = ProcessCpu.Read(pid);
                await Stage(ctx, $"Fan-out: {settings.Clients} clients on one incident, {settings.FanOutConcurrency} in flight", TimeSpan.FromSeconds(settings.FanOutSeconds),
                    _ => load.ClosedLoopAsync(fanOut, [hot], settings.FanOutConcurrency, TimeSpan.FromSeconds(settings.FanOutSeconds), cancellationToken),
                    () => { SampleRss(); return $"{fanOut.Succeeded} ok, {fanOut.Deliveries} deliveries"; });
                var expected = fanOut.Succeeded * fleet.Count;
                await WaitForAsync(() => fanOut.Deliveries >= expected, TimeSpan.FromSeconds(15), cancellationToken);
                fanOutFigures = PhaseFigures.From(fanOut, expected, ProcessCpu.Since(pid, cpu));
            }

            // 5. Memory at scale: many active incidents and connections.
            MemoryFigures? memory = null;
            if (pid is { } mp && settings.ScaleIncidents > 0)
            {
                Note("scale phase");
                var more = Math.Max(0, settings.ScaleIncidents - incidents.Count - 1);
                var scaled = new List<Guid>(incidents) { hot };
                await Stage(ctx, $"Scale: {settings.ScaleIncidents} active incidents", TimeSpan.FromSeconds(Math.Max(5, more / 30)),
                    async _ => scaled.AddRange(await DeclareAsync(api, more, "Scale incident", cancellationToken)), () => $"{scaled.Count}");
                var extra = Math.Max(0, settings.ScaleConnections - fleet.Count);
                await Stage(ctx, $"Scale: {settings.ScaleConnections} connections", TimeSpan.FromSeconds(Math.Max(5, extra / 50)),
                    _ => fleet.ConnectAsync(extra, i => scaled[i % scaled.Count], n => connected = n, cancellationToken), () => $"{connected}");
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
                var atScale = ProcessMemory.Read(mp) ?? (0, 0);
                SampleRss();
                memory = new MemoryFigures(idleRss, afterLoadRss, Math.Max(peakRss, atScale.PeakMb), scaled.Count, fleet.Count, atScale.RssMb, atScale.PeakMb);

                if (settings.HoldSeconds > 0)
                {
                    // Time to look inside the app at scale (dotnet-gcdump collect -p $(cat app.pid)); the figures above are already taken.
                    await File.WriteAllTextAsync(Path.Combine(settings.OutputDirectory, "app.pid"), mp.ToString(CultureInfo.InvariantCulture), cancellationToken);
                    await Stage(ctx, $"Hold: app {mp} at scale (app.pid)", TimeSpan.FromSeconds(settings.HoldSeconds),
                        _ => Task.Delay(TimeSpan.FromSeconds(settings.HoldSeconds), cancellationToken), null);
                }
            }

            return new SystemFigures(address.ToString(), app is not null, latencyFigures, throughputFigures, fanOutFigures,
                fanOutClients, memory, fleet.Disconnects, bareFigures);
        }
        finally
        {
            if (app is not null) await app.DisposeAsync();
        }
    }

    private async Task<CrisisCenterClient> SignInAsync(Uri address, CancellationToken cancellationToken)
    {
        // The demo seed may still be creating accounts right after the app reports ready.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await CrisisCenterClient.SignInAsync(address, settings.User, settings.Password, cancellationToken);
            }
            catch (InvalidOperationException) when (DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    private static async Task<List<Guid>> DeclareAsync(CrisisCenterClient api, int count, string title, CancellationToken cancellationToken)
    {
        var ids = new Guid[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, ct) => ids[i] = await api.DeclareAsync($"{title} {i + 1}", ct));
        return [.. ids];
    }

    /// <summary>Waits (bounded) for the deliveries the phase's successful commands should cause; returns that number.</summary>
    private static async Task<long> DrainAsync(PhaseStats phase, IReadOnlyDictionary<Guid, int> followers, IReadOnlyList<Guid> incidents, int seconds, double rate, CancellationToken cancellationToken)
    {
        // Commands went round-robin over the incidents; successes are spread the same way (close enough when
        // nothing failed, which is what the number is compared against).
        var perIncident = incidents.Select(i => followers.GetValueOrDefault(i)).ToArray();
        var average = perIncident.Length == 0 ? 0 : perIncident.Average();
        var expected = (long)Math.Round(phase.Succeeded * average);
        await WaitForAsync(() => phase.Deliveries >= expected, TimeSpan.FromSeconds(15), cancellationToken);
        return expected;
    }

    private static async Task WaitForAsync(Func<bool> done, TimeSpan patience, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (!done() && clock.Elapsed < patience) await Task.Delay(100, cancellationToken);
    }

    private async Task<T> Stage<T>(ProgressContext ctx, string name, TimeSpan expected, Func<CancellationToken, Task<T>> work, Func<string>? status)
    {
        var task = ctx.AddTask(Markup.Escape(name), maxValue: Math.Max(expected.TotalSeconds, 1));
        var clock = Stopwatch.StartNew();
        var running = work(CancellationToken.None);
        while (!running.IsCompleted)
        {
            await Task.WhenAny(running, Task.Delay(250));
            task.Value = Math.Min(clock.Elapsed.TotalSeconds, task.MaxValue * 0.99);
            task.Description = Markup.Escape(status is null ? name : $"{name}: {status()}");
        }

        task.Value = task.MaxValue;
        task.StopTask();
        return await running;
    }

    private Task Stage(ProgressContext ctx, string name, TimeSpan expected, Func<CancellationToken, Task> work, Func<string>? status) =>
        Stage(ctx, name, expected, async ct =>
        {
            await work(ct);
            return true;
        }, status);

    private void Note(string when)
    {
        var line = $"{DateTimeOffset.UtcNow:HH:mm:ss} {when}: load average {Machine.LoadAverageNow()}";
        _loadAverages.Add(line);
        // Written as it happens, so a profiler (dotnet-trace) can be started on the app when a phase begins.
        File.AppendAllText(Path.Combine(settings.OutputDirectory, "progress.log"), line + Environment.NewLine);
    }
}

/// <summary>Where the app to spawn is: the Web project's build output next to this tool's, same configuration.</summary>
public static class AppLocation
{
    public static string Default()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CrisisCenter.sln"))) directory = directory.Parent;
        if (directory is null) throw new InvalidOperationException("Could not find the repository (CrisisCenter.sln) above the tool; pass --app.");
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        return Path.Combine(directory.FullName, "src", "CrisisCenter.Web", "bin", configuration, "net10.0", "crisiscenter.dll");
    }
}
