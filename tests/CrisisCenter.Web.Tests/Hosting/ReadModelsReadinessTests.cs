using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;
using CrisisCenter.Web.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Web.Tests.Hosting;

/// <summary>A node is not ready until its read models have caught up with the store, and says how far they are.</summary>
public sealed class ReadModelsReadinessTests
{
    [Fact(Timeout = TestTimeouts.Request)]
    public async Task not_ready_with_the_catch_up_percentage_until_the_read_models_caught_up()
    {
        using var data = new TemporaryDataDirectory();
        await using var store = new SqliteEventStore(SqliteEventStoreOptions.ForFile(data.StoreFile));
        var incident = Guid.NewGuid();
        var declared = new IncidentDeclared(incident, "officer-1", DateTimeOffset.UtcNow, "INC-READY", "Mudflow", "Mudflow near Medeu.",
            IncidentCategory.Geo, Severity.Moderate, ["KZ-75"], "MES", [], Visibility.Normal, [Language.Kk, Language.Ru], false);
        await store.AppendAsync(IncidentStreams.For(incident), ExpectedRevision.NoStream,
            [IncidentEventSerializer.ToEventData(declared, Guid.NewGuid(), new EventMetadata { ActorId = "officer-1" })]);
        using var readStore = ReadStore.Open(Path.Combine(data.Path, ReadStoreSettings.DefaultFileName), NullLogger.Instance);
        using var host = new ProjectionHost(store, new IncidentTimeline(readStore), [new IncidentBoard()], [], NullLogger<ProjectionHost>.Instance,
            readStore: readStore, readStoreOptions: Options.Create(new ReadStoreOptions()));
        var check = new ReadModelsHealthCheck(host);

        var before = await check.CheckHealthAsync(new HealthCheckContext());
        before.Status.Should().Be(HealthStatus.Unhealthy);
        before.Description.Should().Be("Read models catching up: 0.0% (position -1).");

        await host.StartAsync(CancellationToken.None);
        await host.WaitUntilCaughtUpAsync().WaitAsync(TimeSpan.FromSeconds(15));
        var after = await check.CheckHealthAsync(new HealthCheckContext());
        after.Status.Should().Be(HealthStatus.Healthy);
        host.CatchUpProgress.Should().Be(1);
        await host.StopAsync(CancellationToken.None);
    }
}
