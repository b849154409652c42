using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.EventStore.Tests.Contract;

namespace CrisisCenter.EventStore.Tests.Sqlite;

public sealed class SqliteReopeningTests : IDisposable
{
    private readonly TemporaryDatabaseFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public async Task reopening_the_file_keeps_every_event_and_appends_continue_the_chain()
    {
        var first = SampleEvents.Many(3);
        AppendResult before;
        await using (var store = new SqliteEventStore(file.Options))
            before = await store.AppendAsync("incident-1", ExpectedRevision.NoStream, first);

        await using var reopened = new SqliteEventStore(file.Options);
        var after = await reopened.AppendAsync("incident-1", ExpectedRevision.Exact(2), [SampleEvents.One("after reopening")]);

        var stored = await ReadStreamAsync(reopened, "incident-1");
        stored.Select(e => e.EventId).Take(3).Should().Equal(first.Select(e => e.EventId));
        after.NextExpectedRevision.Should().Be(3);
        after.LastPosition.Should().BeGreaterThan(before.LastPosition);
        stored[3].PreviousHash.Should().Be(stored[2].Hash);
        (await new StreamVerifier(reopened).VerifyAsync("incident-1")).IsIntact.Should().BeTrue();
        (await reopened.GetLastPositionAsync()).Should().Be(after.LastPosition);
    }

    [Fact]
    public async Task opening_an_existing_file_leaves_its_schema_as_it_is()
    {
        await using (new SqliteEventStore(file.Options)) { }
        await using (new SqliteEventStore(file.Options)) { }

        using var direct = file.OpenDirectConnection();
        using var query = direct.CreateCommand();
        query.CommandText = "SELECT group_concat(version) FROM schema_version;";
        (query.ExecuteScalar() as string).Should().Be(SqliteSchema.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task a_file_from_a_newer_schema_is_refused()
    {
        await using (new SqliteEventStore(file.Options)) { }
        using (var direct = file.OpenDirectConnection())
        using (var bump = direct.CreateCommand())
        {
            bump.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES (99, '2030-01-01T00:00:00Z');";
            bump.ExecuteNonQuery();
        }

        var open = () => new SqliteEventStore(file.Options);

        open.Should().Throw<InvalidOperationException>().WithMessage("*schema version 99*");
    }

    internal static async Task<List<RecordedEvent>> ReadStreamAsync(IEventStore store, string stream)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadStreamAsync(stream))
            events.Add(e);
        return events;
    }
}
