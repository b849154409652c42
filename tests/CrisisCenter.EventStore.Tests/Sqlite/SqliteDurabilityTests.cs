using CrisisCenter.EventStore.Sqlite;

namespace CrisisCenter.EventStore.Tests.Sqlite;

public sealed class SqliteDurabilityTests : IDisposable
{
    private readonly TemporaryDatabaseFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public async Task the_writer_runs_in_wal_mode_with_full_synchronous_by_default()
    {
        await using var store = new SqliteEventStore(file.Options);

        store.WriterPragmas.Should().Be(new WriterPragmas("wal", SqliteSynchronous.Full));
        // WAL is a property of the file: any other connection sees it too.
        using var direct = file.OpenDirectConnection();
        using var query = direct.CreateCommand();
        query.CommandText = "PRAGMA journal_mode;";
        (query.ExecuteScalar() as string).Should().Be("wal");
    }

    [Fact]
    public async Task a_configured_synchronous_level_is_the_one_the_writer_runs_with()
    {
        await using var store = new SqliteEventStore(file.Options with { Synchronous = SqliteSynchronous.Normal });

        store.WriterPragmas.Synchronous.Should().Be(SqliteSynchronous.Normal);
    }

    [Fact]
    public void options_without_a_file_are_refused_with_a_reason()
    {
        var inMemory = () => new SqliteEventStore(new SqliteEventStoreOptions { ConnectionString = "Data Source=:memory:" });
        var neither = () => new SqliteEventStore(new SqliteEventStoreOptions());

        inMemory.Should().Throw<ArgumentException>().WithMessage("*needs a file*");
        neither.Should().Throw<ArgumentException>().WithMessage("*exactly one of*Path*ConnectionString*");
    }

    [Fact]
    public async Task a_connection_string_naming_a_file_works_like_a_path()
    {
        var options = new SqliteEventStoreOptions { ConnectionString = $"Data Source={file.Path}" };
        await using var store = new SqliteEventStore(options);

        await store.AppendAsync("incident-1", ExpectedRevision.NoStream, [Contract.SampleEvents.One()]);

        File.Exists(file.Path).Should().BeTrue();
        (await store.GetStreamRevisionAsync("incident-1")).Should().Be(0);
    }
}
