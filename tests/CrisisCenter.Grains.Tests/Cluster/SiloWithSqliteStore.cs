using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace CrisisCenter.Grains.Tests.Cluster;

/// <summary>The silo as the web host sets it up: its own event store plus <see cref="CrisisCenterSiloBuilderExtensions.AddCrisisCenterGrains"/>.</summary>
public sealed class SiloWithSqliteStore : ISiloConfigurator
{
    public const string DatabasePathKey = "CrisisCenterTests:DatabasePath";

    /// <summary>Idle age set for incident grains, so a test can see the option reach Orleans.</summary>
    public static readonly TimeSpan IncidentCollectionAge = TimeSpan.FromMinutes(42);

    /// <summary>Below the domain's default, so a test can see the registered policy reach the grain.</summary>
    public const int MaxTitleLength = 120;

    /// <summary>Small, so every test that runs a few commands also writes and reads snapshots.</summary>
    public const int SnapshotInterval = 5;

    /// <summary>Below the commands of a longer test, so some retries name commands older than the snapshot's window.</summary>
    public const int SnapshotCommandWindow = 3;

    public void Configure(ISiloBuilder siloBuilder)
    {
        var path = siloBuilder.Configuration[DatabasePathKey]
                   ?? throw new InvalidOperationException($"The test cluster did not pass {DatabasePathKey}.");
        // The container disposes the store with the silo, which releases the file.
        siloBuilder.Services.AddSingleton(_ => new SqliteEventStore(SqliteEventStoreOptions.ForFile(path)));
        siloBuilder.Services.AddSingleton(services => new ContestedEventStore(services.GetRequiredService<SqliteEventStore>()));
        siloBuilder.Services.AddSingleton<IEventStore>(services => services.GetRequiredService<ContestedEventStore>());
        // The contest wrapper is no snapshot store, so name the file's own snapshot cache (behind its test faults).
        siloBuilder.Services.AddSingleton(services => new FaultySnapshotStore(services.GetRequiredService<SqliteEventStore>()));
        siloBuilder.Services.AddSingleton<ISnapshotStore>(services => services.GetRequiredService<FaultySnapshotStore>());
        // As the web host does: one policy in the container for grains, projections and the API alike.
        siloBuilder.Services.AddSingleton(IncidentPolicy.Default with { MaxTitleLength = MaxTitleLength });
        siloBuilder.AddCrisisCenterGrains(options =>
        {
            options.CollectionAge = IncidentCollectionAge;
            options.SnapshotInterval = SnapshotInterval;
            options.SnapshotCommandWindow = SnapshotCommandWindow;
        });
    }
}
