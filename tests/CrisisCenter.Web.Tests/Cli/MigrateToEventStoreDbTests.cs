using System.Text;
using CrisisCenter.EventStore;
using CrisisCenter.EventStore.EventStoreDb;
using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.Web.Cli;
using CrisisCenter.Web.Cli.Migration;
using CrisisCenter.Web.Tests.Hosting;
using CrisisCenter.Web.Tests.Support;

namespace CrisisCenter.Web.Tests.Cli;

/// <summary>
/// migrate-store into a real EventStoreDB/KurrentDB named by CRISISCENTER_ESDB (e.g. esdb://127.0.0.1:2113?tls=false);
/// skipped without it. The source streams carry a per-run prefix, so a shared server is fine (the app's own fixed
/// streams, such as "directory", would collide between runs on one server).
/// </summary>
public sealed class MigrateToEventStoreDbTests : IDisposable
{
    private const string ConnectionVariable = "CRISISCENTER_ESDB";
    private readonly string _directory = CrisisCenterApp.NewDataDirectory();

    public void Dispose() => DataDirectories.Delete(_directory);

    [SkippableFact]
    public async Task a_sqlite_store_moves_to_eventstoredb_resumably_and_verified()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionVariable);
        Skip.If(string.IsNullOrEmpty(connectionString),
            $"{ConnectionVariable} is not set: migrating to EventStoreDB needs a running server, e.g. esdb://127.0.0.1:2113?tls=false");

        var prefix = "migration-" + Guid.NewGuid().ToString("N")[..8] + "-";
        var sourcePath = Path.Combine(_directory, "source.db");
        long events = 0;
        await using (var source = new SqliteEventStore(SqliteEventStoreOptions.ForFile(sourcePath)))
        {
            for (var round = 0; round < 4; round++)
                foreach (var incident in new[] { "a", "b", "c" })
                {
                    var metadata = new EventMetadata { ActorId = "u-1", ActorName = "Дания Омарова", AgencyCode = "MES", CommandId = Guid.NewGuid(), CorrelationId = Guid.NewGuid() };
                    var data = Encoding.UTF8.GetBytes($"{{\"round\":{round},\"text\":\"Су деңгейі {round * 10} см көтерілді\"}}");
                    await source.AppendAsync(prefix + incident, ExpectedRevision.Any, [new EventData(Guid.NewGuid(), "situation.update_logged.v1", data, metadata), new EventData(Guid.NewGuid(), "incident.note.v1", "{}"u8.ToArray(), EventMetadata.Empty)]);
                    events += 2;
                }
        }

        await using (var source = new SqliteEventStore(SqliteEventStoreOptions.ForFile(sourcePath)))
        await using (var target = new EventStoreDbEventStore(connectionString!))
        {
            using var interruption = new CancellationTokenSource();
            var firstRun = () => new StoreMigration(source, target).RunAsync(p => { if (p.EventsCopied >= events / 2) interruption.Cancel(); }, interruption.Token);
            await firstRun.Should().ThrowAsync<OperationCanceledException>();
        }

        using var output = new StringWriter();
        var exitCode = await MigrateStoreCommand.RunAsync(["--from", "sqlite:" + sourcePath, "--to", connectionString!], _directory, output, output, CancellationToken.None);

        exitCode.Should().Be(0, output.ToString());
        output.ToString().Should().Contain($"Verified: 3 streams, {events} events");
        await using var server = new EventStoreDbEventStore(connectionString!);
        foreach (var incident in new[] { "a", "b", "c" })
            (await new StreamVerifier(server).VerifyAsync(prefix + incident)).Should().BeEquivalentTo(new { IsIntact = true, EventsChecked = 8L });
    }
}
