using CrisisCenter.EventStore;
using CrisisCenter.EventStore.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CrisisCenter.Grains.Tests.Cluster;

/// <summary>
/// A one-silo TestCluster whose silo keeps its events in a real SQLite file in a temporary folder. Tests call
/// grains through <see cref="Grains"/>, the cluster's external client, so every argument and result is
/// serialized over the wire; <see cref="Store"/> is the silo's own store, for checking and for writing behind
/// the grains' backs.
/// </summary>
public sealed class IncidentClusterFixture : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "crisiscenter-grains-tests", Guid.NewGuid().ToString("N"));

    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Grains => Cluster.Client;

    /// <summary>The SQLite store the silo writes to, without the contest control.</summary>
    public IEventStore Store => SiloServices.GetRequiredService<SqliteEventStore>();

    /// <summary>The store as the grains see it, to stage a rival writer (<see cref="ContestedEventStore.Contest"/>).</summary>
    public ContestedEventStore ContestedStore => SiloServices.GetRequiredService<ContestedEventStore>();

    /// <summary>The snapshot cache in the same file, without the test faults.</summary>
    public ISnapshotStore Snapshots => SiloServices.GetRequiredService<SqliteEventStore>();

    /// <summary>The snapshot cache as the grains see it, to make one stream's snapshots fail.</summary>
    public FaultySnapshotStore FaultySnapshots => SiloServices.GetRequiredService<FaultySnapshotStore>();

    public IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services;

    public string DatabasePath => Path.Combine(folder, "events.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.Properties[SiloWithSqliteStore.DatabasePathKey] = DatabasePath;
        builder.AddSiloBuilderConfigurator<SiloWithSqliteStore>();
        builder.AddClientBuilderConfigurator<ClientWithDomainSerialization>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
            await Cluster.DisposeAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
