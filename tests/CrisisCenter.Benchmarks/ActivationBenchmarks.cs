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
/// activation: read the stream, deserialise and evolve every event.
/// </summary>
[Config(typeof(SingleShotInProcess))]
public class ActivationBenchmarks
{
    private const int Incidents = 16;
    private string _directory = "";
    private IHost _silo = null!;
    private IGrainFactory _grains = null!;
    private readonly List<Guid> _incidents = [];
    private int _next;

    [GlobalSetup]
    public async Task Setup()
    {
        _directory = IncidentHistory.TempDirectory("activation");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var path = Path.Combine(_directory, "events.db");
        builder.Services.AddSingleton(_ => new SqliteEventStore(SqliteEventStoreOptions.ForFile(path)));
        builder.Services.AddSingleton<IEventStore>(s => s.GetRequiredService<SqliteEventStore>());
        builder.Services.AddSingleton(IncidentPolicy.Default);
        builder.UseOrleans(silo => silo.UseLocalhostClustering(FreePort(), FreePort()).AddCrisisCenterGrains());
        _silo = builder.Build();
        var store = _silo.Services.GetRequiredService<IEventStore>();
        for (var i = 0; i < Incidents; i++)
        {
            var id = Guid.NewGuid();
            await IncidentHistory.WriteAsync(store, id, ReplayBenchmarks.Events);
            _incidents.Add(id);
        }

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
        return snapshot.Revision;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
