using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.Grains.Hosting;
using CrisisCenter.Grains.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CrisisCenter.Benchmarks;

/// <summary>
/// Activating the grain of a 10,000-event incident: an in-process silo as the web host sets it up (SQLite store,
/// CrisisCenter grains), and each invocation asks a not-yet-active incident for its snapshot, so it pays the full
/// activation. <see cref="ActivationStart.FullReplay"/>: no snapshots (interval 0), read, deserialise and evolve every
/// event. <see cref="ActivationStart.SnapshotAtEnd"/>: the newest snapshot covers all 10,000 events.
/// <see cref="ActivationStart.SnapshotPlusTail"/>: the worst case of the default cadence (500), a snapshot at revision
/// 9,500 and 499 events after it. The snapshots are made by a first silo that activates each incident once (an
/// activation after a long replay leaves one behind), stopped before the measured silo starts. Every event is its own
/// command, so each snapshot carries 10,000 accepted commands (1,000 outcomes and 9,000 ids).
/// </summary>
[Config(typeof(SingleShotInProcess))]
public class ActivationBenchmarks
{
    private const int Incidents = 16;
    private const int Tail = IncidentGrainOptions.DefaultSnapshotInterval - 1;
    private string _directory = "";
    private string _path = "";
    private IHost _silo = null!;
    private IGrainFactory _grains = null!;
    private readonly List<Guid> _incidents = [];
    private int _next;

    [ParamsAllValues]
    public ActivationStart From { get; set; }

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = IncidentHistory.TempDirectory("activation");
        _path = Path.Combine(_directory, "events.db");
        var histories = new List<(Guid Id, List<IncidentEvent> Events)>();
        for (var i = 0; i < Incidents; i++)
        {
            var id = Guid.NewGuid();
            histories.Add((id, IncidentHistory.Build(id, ReplayBenchmarks.Events).Events));
            _incidents.Add(id);
        }

        var written = From == ActivationStart.SnapshotPlusTail ? ReplayBenchmarks.Events - Tail : ReplayBenchmarks.Events;
        var preparing = BuildSilo(From == ActivationStart.FullReplay ? 0 : IncidentGrainOptions.DefaultSnapshotInterval);
        try
        {
            var store = preparing.Services.GetRequiredService<IEventStore>();
            foreach (var (id, events) in histories)
                await IncidentHistory.AppendAsync(store, id, events, 0, written);
            if (From != ActivationStart.FullReplay)
            {
                await preparing.StartAsync();
                var grains = preparing.Services.GetRequiredService<IGrainFactory>();
                var snapshots = preparing.Services.GetRequiredService<ISnapshotStore>();
                foreach (var (id, _) in histories)
                {
                    await grains.GetGrain<IIncidentGrain>(id).GetSnapshot();
                    await WaitForSnapshotAsync(snapshots, IncidentStreams.For(id), written - 1);
                }
                await preparing.StopAsync();
            }
            if (From == ActivationStart.SnapshotPlusTail)
            {
                foreach (var (id, events) in histories)
                    await IncidentHistory.AppendAsync(store, id, events, written, Tail);
            }
        }
        finally
        {
            // Releases the store file before the measured silo opens it.
            await ((IAsyncDisposable)preparing).DisposeAsync();
        }

        _silo = BuildSilo(From == ActivationStart.FullReplay ? 0 : IncidentGrainOptions.DefaultSnapshotInterval);
        await _silo.StartAsync();
        _grains = _silo.Services.GetRequiredService<IGrainFactory>();
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _silo.StopAsync();
        _silo.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Description = "Activate a 10,000-event incident (first call)")]
    public async Task<long> Activate()
    {
        if (_next >= _incidents.Count)
            throw new InvalidOperationException($"All {Incidents} prepared incidents are active; raise Incidents to run more iterations.");
        var snapshot = await _grains.GetGrain<IIncidentGrain>(_incidents[_next++]).GetSnapshot();
        if (snapshot.Revision != ReplayBenchmarks.Events - 1) throw new InvalidOperationException($"Activation saw revision {snapshot.Revision}.");
        if (snapshot.State.SituationUpdates.Count != ReplayBenchmarks.Events - 1) throw new InvalidOperationException("The activation lost events.");
        return snapshot.Revision;
    }

    private IHost BuildSilo(int snapshotInterval)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var path = _path;
        builder.Services.AddSingleton(_ => new SqliteEventStore(SqliteEventStoreOptions.ForFile(path)));
        builder.Services.AddSingleton<IEventStore>(s => s.GetRequiredService<SqliteEventStore>());
        builder.Services.AddSingleton(IncidentPolicy.Default);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreePort(), FreePort())
            .AddCrisisCenterGrains(options => options.SnapshotInterval = snapshotInterval));
        return builder.Build();
    }

    private static async Task WaitForSnapshotAsync(ISnapshotStore snapshots, string stream, long revision)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while ((await snapshots.ReadSnapshotAsync(stream))?.Revision != revision)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No snapshot of {stream} at revision {revision}.");
            await Task.Delay(20);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public enum ActivationStart
{
    FullReplay,
    SnapshotAtEnd,
    SnapshotPlusTail,
}
