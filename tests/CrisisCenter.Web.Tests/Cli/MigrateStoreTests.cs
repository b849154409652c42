using System.Net.Http.Json;
using CrisisCenter.EventStore;
using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.Web.Cli;
using CrisisCenter.Web.Cli.Migration;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;
using CrisisCenter.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CrisisCenter.Web.Tests.Cli;

[Collection(MultiNodeCollection.Name)]
public sealed class MigrateStoreTests(AppFilledStore filled) : IClassFixture<AppFilledStore>, IDisposable
{
    private readonly string _directory = CrisisCenterApp.NewDataDirectory();

    public void Dispose() => DataDirectories.Delete(_directory);

    [Fact]
    public async Task an_interrupted_migration_continues_where_it_stopped_and_the_copy_verifies()
    {
        var source = filled.CopyTo(_directory);
        var target = Path.Combine(_directory, "target", "migrated.db");

        long copiedBeforeInterruption;
        await using (var from = Open(source))
        await using (var to = Open(target))
        {
            var events = await CountAsync(from);
            using var interruption = new CancellationTokenSource();
            var migration = new StoreMigration(from, to);
            var run = () => migration.RunAsync(progress =>
            {
                if (progress.EventsCopied >= events / 2) interruption.Cancel();
            }, interruption.Token);
            await run.Should().ThrowAsync<OperationCanceledException>();
            copiedBeforeInterruption = await CountAsync(to);
            copiedBeforeInterruption.Should().BeGreaterThanOrEqualTo(events / 2).And.BeLessThan(events, "the run stopped halfway");
        }

        var (exitCode, output) = await MigrateAsync("--from", "sqlite:" + source, "--to", "sqlite:" + target);

        exitCode.Should().Be(0, output);
        output.Should().Contain($"were in the target already").And.Contain("Verified:");
        await using (var from = Open(source))
        await using (var to = Open(target))
        {
            (await SummaryAsync(to)).Should().Equal(await SummaryAsync(from), "the target's $all holds the same events in the same order");
            await foreach (var stream in StreamsAsync(from))
            {
                (await new StreamVerifier(to).VerifyAsync(stream)).IsIntact.Should().BeTrue($"{stream} was chained by the target");
                var copied = await ReadAsync(to, stream);
                var original = await ReadAsync(from, stream);
                copied.Should().HaveSameCount(original);
                foreach (var (a, b) in original.Zip(copied))
                {
                    (b.EventId, b.Revision, b.Type, b.Metadata).Should().Be((a.EventId, a.Revision, a.Type, a.Metadata));
                    b.Data.ToArray().Should().Equal(a.Data.ToArray());
                }
            }
        }
        output.Should().Contain($"{copiedBeforeInterruption} were in the target already", "the second run skipped what the first had copied");
    }

    [Fact]
    public async Task the_app_runs_on_the_migrated_store()
    {
        var source = filled.CopyTo(_directory);
        var target = Path.Combine(_directory, "migrated.db");
        (await MigrateAsync("--from", "sqlite:" + source, "--to", "sqlite:" + target)).ExitCode.Should().Be(0);

        await using var app = await CrisisCenterApp.StartAsync(settings: new Dictionary<string, string?> { ["EventStore:ConnectionString"] = target });
        using var client = await app.SignInAsync(AppFilledStore.PressOfficer);
        foreach (var incident in filled.Incidents)
        {
            var answer = await client.GetAsync($"/api/incidents/{incident}/timeline?after=-1");
            answer.IsSuccessStatusCode.Should().BeTrue(await answer.Content.ReadAsStringAsync());
            (await answer.Content.ReadAsStringAsync()).Should().Contain("gauge reading 3");
        }
        var next = await client.DeclareIncidentAsync();
        next.Code.Should().EndWith("-0004", "the code allocations came along, so numbering continues");
    }

    [Fact]
    public async Task running_a_finished_migration_again_copies_nothing_and_verifies_again()
    {
        var source = filled.CopyTo(_directory);
        var target = Path.Combine(_directory, "migrated.db");
        (await MigrateAsync("--from", "sqlite:" + source, "--to", "sqlite:" + target)).ExitCode.Should().Be(0);

        await using var from = Open(source);
        await using var to = Open(target);
        var report = await new StoreMigration(from, to).RunAsync();

        report.Succeeded.Should().BeTrue();
        report.Copied.Should().Be(0);
        report.Appends.Should().Be(0);
        report.AlreadyInTarget.Should().Be(report.Events).And.Be(await CountAsync(from));
    }

    [Fact]
    public async Task a_tampered_source_is_reported_and_nothing_is_copied()
    {
        var source = filled.CopyTo(_directory);
        var target = Path.Combine(_directory, "migrated.db");
        var tampered = "incident-" + filled.Incidents[1].ToString("D");
        Execute(source, $"UPDATE events SET data = CAST(replace(CAST(data AS TEXT), 'rose by 20 cm', 'fell by 20 cm') AS BLOB) WHERE stream = '{tampered}';");

        var (exitCode, output) = await MigrateAsync("--from", "sqlite:" + source, "--to", "sqlite:" + target);

        exitCode.Should().Be(1);
        output.Should().Contain($"BROKEN source {tampered}").And.Contain("Nothing copied");
        await using var to = Open(target);
        (await to.GetLastPositionAsync()).Should().Be(GlobalPosition.Start, "copying would have hidden the tampering under fresh hashes");
    }

    [Fact]
    public async Task a_target_changed_after_the_copy_fails_verification()
    {
        var source = filled.CopyTo(_directory);
        var target = Path.Combine(_directory, "migrated.db");
        (await MigrateAsync("--from", "sqlite:" + source, "--to", "sqlite:" + target)).ExitCode.Should().Be(0);
        var altered = "incident-" + filled.Incidents[2].ToString("D");
        Execute(target, $"UPDATE events SET data = CAST(replace(CAST(data AS TEXT), 'rose by 10 cm', 'rose by 90 cm') AS BLOB) WHERE stream = '{altered}';");

        var (exitCode, output) = await MigrateAsync("--from", "sqlite:" + source, "--to", "sqlite:" + target);

        exitCode.Should().Be(1);
        output.Should().Contain($"MISMATCH {altered}").And.Contain("Verification failed: 1 of");
    }

    [Fact]
    public async Task a_target_holding_other_events_in_a_stream_is_refused()
    {
        var source = filled.CopyTo(_directory);
        var target = Path.Combine(_directory, "other.db");
        await using (var other = Open(target))
            await other.AppendAsync("directory", ExpectedRevision.NoStream, [new EventData(Guid.NewGuid(), "account.registered.v1", "{}"u8.ToArray(), EventMetadata.Empty)]);

        var (exitCode, output) = await MigrateAsync("--from", "sqlite:" + source, "--to", "sqlite:" + target);

        exitCode.Should().Be(1);
        output.Should().Contain("Target stream directory holds event").And.Contain("is not a copy of this source");
    }

    [Fact]
    public async Task long_runs_of_one_stream_are_copied_in_bounded_appends()
    {
        var source = Path.Combine(_directory, "long.db");
        var target = Path.Combine(_directory, "long-copy.db");
        await using var from = Open(source);
        await using var to = Open(target);
        for (var part = 0; part < 3; part++)
            await from.AppendAsync("incident-long", ExpectedRevision.Any, [.. Enumerable.Range(0, 400).Select(i =>
                new EventData(Guid.NewGuid(), "situation.update_logged.v1", System.Text.Encoding.UTF8.GetBytes($"{{\"n\":{part * 400 + i}}}"), EventMetadata.Empty))]);

        var report = await new StoreMigration(from, to).RunAsync();

        report.Succeeded.Should().BeTrue();
        report.Copied.Should().Be(1200);
        report.Appends.Should().Be(3, "1200 consecutive events of one stream go in appends of at most 500");
    }

    [Fact]
    public async Task a_missing_source_file_is_refused_without_creating_it()
    {
        var missing = Path.Combine(_directory, "missing.db");
        var (exitCode, output) = await MigrateAsync("--from", "sqlite:" + missing, "--to", "sqlite:" + Path.Combine(_directory, "t.db"));
        exitCode.Should().Be(2);
        output.Should().Contain("does not exist");
        File.Exists(missing).Should().BeFalse();
    }

    [Theory]
    [InlineData("--from", "sqlite:a.db")]
    [InlineData("--from", "sqlite:a.db", "--to", "sqlite:a.db")]
    [InlineData("--from", "sqlite:a.db", "--to", "postgres://db")]
    [InlineData("--from", "sqlite:a.db", "--to", "esdb://")]
    [InlineData("--from", "sqlite:a.db", "--to", "sqlite:b.db", "--force")]
    public async Task wrong_arguments_are_usage_errors(params string[] args) =>
        (await MigrateAsync(args)).ExitCode.Should().Be(2);

    [Fact]
    public async Task the_verb_is_reachable_from_the_command_line()
    {
        CommandLine.IsVerb(["migrate-store"]).Should().BeTrue();
        var exitCode = await CommandLine.RunAsync(["migrate-store", "--from", "sqlite:" + Path.Combine(_directory, "none.db")],
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), _directory);
        exitCode.Should().Be(2, "--to is missing");
    }

    private async Task<(int ExitCode, string Output)> MigrateAsync(params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = await MigrateStoreCommand.RunAsync(args, _directory, output, output, CancellationToken.None);
        return (exitCode, output.ToString());
    }

    private static SqliteEventStore Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SqliteEventStore(SqliteEventStoreOptions.ForFile(path));
    }

    private static async Task<long> CountAsync(IEventStore store)
    {
        long count = 0;
        await foreach (var _ in store.ReadAllAsync()) count++;
        return count;
    }

    private static async Task<List<(string Stream, long Revision, Guid EventId)>> SummaryAsync(IEventStore store)
    {
        var events = new List<(string, long, Guid)>();
        await foreach (var e in store.ReadAllAsync()) events.Add((e.Stream, e.Revision, e.EventId));
        return events;
    }

    private static async IAsyncEnumerable<string> StreamsAsync(IEventStore store)
    {
        var seen = new HashSet<string>();
        await foreach (var e in store.ReadAllAsync())
            if (seen.Add(e.Stream)) yield return e.Stream;
    }

    private static async Task<List<RecordedEvent>> ReadAsync(IEventStore store, string stream)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadStreamAsync(stream)) events.Add(e);
        return events;
    }

    private static void Execute(string databaseFile, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery().Should().BePositive("the test changes stored events");
    }
}
