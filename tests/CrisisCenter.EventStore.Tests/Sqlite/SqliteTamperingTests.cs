using System.Text;
using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.EventStore.Tests.Contract;
using Microsoft.Data.Sqlite;

namespace CrisisCenter.EventStore.Tests.Sqlite;

/// <summary>Someone edits the file behind the store's back; the hash chain must point at the edit.</summary>
public sealed class SqliteTamperingTests : IDisposable
{
    private const string Stream = "incident-1";
    private readonly TemporaryDatabaseFile file = new();

    public void Dispose() => file.Dispose();

    private async Task<(SqliteEventStore Store, EventData[] Events)> StreamOfFiveAsync()
    {
        var store = new SqliteEventStore(file.Options);
        var events = SampleEvents.Many(5);
        await store.AppendAsync(Stream, ExpectedRevision.NoStream, events);
        return (store, events);
    }

    private void Tamper(string sql, params (string Name, object Value)[] parameters)
    {
        using var direct = file.OpenDirectConnection();
        using var command = direct.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        command.ExecuteNonQuery().Should().Be(1, "the tampering statement must hit exactly one row");
    }

    [Fact]
    public async Task changed_data_makes_the_verifier_report_exactly_that_event_as_the_first_break()
    {
        var (store, events) = await StreamOfFiveAsync();
        await using var _ = store;

        Tamper("UPDATE events SET data = $data WHERE stream = $stream AND revision = 2;",
            ("$data", Encoding.UTF8.GetBytes("""{"text":"Water level is falling"}""")), ("$stream", Stream));
        var result = await new StreamVerifier(store).VerifyAsync(Stream);

        result.IsIntact.Should().BeFalse();
        result.FirstBrokenRevision.Should().Be(2);
        result.FirstBrokenEventId.Should().Be(events[2].EventId);
        result.EventsChecked.Should().Be(3);
    }

    [Fact]
    public async Task changed_data_with_a_recomputed_hash_breaks_the_link_to_the_next_event()
    {
        var (store, events) = await StreamOfFiveAsync();
        await using var _ = store;
        var victim = (await SqliteReopeningTests.ReadStreamAsync(store, Stream))[2];
        var forged = Encoding.UTF8.GetBytes("""{"text":"Nothing happened"}""");
        var forgedHash = HashChain.Compute(victim.PreviousHash, victim.EventId, victim.Stream, victim.Revision, victim.Type, forged, victim.Metadata);

        Tamper("UPDATE events SET data = $data, hash = $hash WHERE stream = $stream AND revision = 2;",
            ("$data", forged), ("$hash", forgedHash), ("$stream", Stream));
        var result = await new StreamVerifier(store).VerifyAsync(Stream);

        result.FirstBrokenRevision.Should().Be(3);
        result.FirstBrokenEventId.Should().Be(events[3].EventId);
    }

    [Fact]
    public async Task a_row_mangled_beyond_parsing_is_still_read_and_reported()
    {
        var (store, events) = await StreamOfFiveAsync();
        await using var _ = store;

        Tamper("UPDATE events SET metadata = 'not json at all', data = 'text, not a blob' WHERE stream = $stream AND revision = 1;", ("$stream", Stream));
        var read = await SqliteReopeningTests.ReadStreamAsync(store, Stream);
        var result = await new StreamVerifier(store).VerifyAsync(Stream);

        read.Should().HaveCount(5);
        read[1].Data.ToArray().Should().Equal(Encoding.UTF8.GetBytes("text, not a blob"));
        result.FirstBrokenRevision.Should().Be(1);
        result.FirstBrokenEventId.Should().Be(events[1].EventId);
    }

    [Fact]
    public async Task a_deleted_row_is_reported_as_a_missing_revision()
    {
        var (store, events) = await StreamOfFiveAsync();
        await using var _ = store;

        Tamper("DELETE FROM events WHERE stream = $stream AND revision = 3;", ("$stream", Stream));
        var result = await new StreamVerifier(store).VerifyAsync(Stream);

        result.FirstBrokenRevision.Should().Be(4);
        result.FirstBrokenEventId.Should().Be(events[4].EventId);
        result.Problem.Should().Contain("missing");
    }

    internal static string IntegrityCheck(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)command.ExecuteScalar()!;
    }
}
