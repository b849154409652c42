using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.EventStore.Tests.Contract;

namespace CrisisCenter.EventStore.Tests.Sqlite;

/// <summary>The SQLite store checks a tail before it chains onto it, and undoes a write after a tail that clashed.</summary>
public sealed class SqliteKnownTailTests : IDisposable
{
    private readonly TemporaryDatabaseFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public async Task a_tail_whose_hash_the_stream_does_not_hold_is_not_chained_onto()
    {
        await using var store = new SqliteEventStore(file.Options);
        await store.AppendAsync("incident-1", ExpectedRevision.NoStream, SampleEvents.Many(2));

        var result = await store.AppendAsync("incident-1", ExpectedRevision.Exact(1), [SampleEvents.One()], new StreamTail(1, new string('f', 64)));

        var stored = await ReadAsync(store, "incident-1");
        stored[2].PreviousHash.Should().Be(stored[1].Hash);
        result.Tail.Should().Be(StreamTail.Of(stored[2]));
        (await new StreamVerifier(store).VerifyAsync("incident-1")).Should().Be(VerificationResult.Intact("incident-1", 3));
    }

    [Fact]
    public async Task rows_written_after_a_tail_before_one_clashed_are_undone()
    {
        await using var store = new SqliteEventStore(file.Options);
        var declared = await store.AppendAsync("incident-1", ExpectedRevision.NoStream, [SampleEvents.One()]);
        var storedElsewhere = SampleEvents.One("in another stream");
        await store.AppendAsync("incident-2", ExpectedRevision.NoStream, [storedElsewhere]);

        var append = () => store.AppendAsync("incident-1", ExpectedRevision.Exact(0), [SampleEvents.One("a"), SampleEvents.One("b"), storedElsewhere], declared.Tail);

        (await append.Should().ThrowAsync<IdempotencyConflictException>()).WithMessage("*incident-2*");
        (await ReadAsync(store, "incident-1")).Should().ContainSingle("the two rows written before the clash are undone");
        (await store.AppendAsync("incident-1", ExpectedRevision.Exact(0), [SampleEvents.One("c")], declared.Tail)).NextExpectedRevision.Should().Be(1);
    }

    [Fact]
    public async Task a_repeat_reports_the_stored_tail_even_when_its_metadata_differs()
    {
        await using var store = new SqliteEventStore(file.Options);
        var e = SampleEvents.One();
        var original = await store.AppendAsync("incident-1", ExpectedRevision.NoStream, [e]);

        var retried = await store.AppendAsync("incident-1", ExpectedRevision.NoStream, [e with { Metadata = SampleEvents.Metadata() }]);

        retried.Should().Be(original);
        retried.Tail.Should().Be(StreamTail.Of((await ReadAsync(store, "incident-1")).Single()));
    }

    private static async Task<List<RecordedEvent>> ReadAsync(IEventStore store, string stream)
    {
        var events = new List<RecordedEvent>();
        await foreach (var e in store.ReadStreamAsync(stream))
            events.Add(e);
        return events;
    }
}
