using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.EventStore.Tests.Contract;
using Microsoft.Extensions.Time.Testing;

namespace CrisisCenter.EventStore.Tests.Sqlite;

/// <summary>Rules the SQLite store keeps beyond the shared contract (some of them EventStoreDB does not keep,
/// such as event ids being unique across streams).</summary>
public sealed class SqliteAppendRulesTests : IDisposable
{
    private readonly TemporaryDatabaseFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public async Task event_ids_already_stored_in_another_stream_are_refused()
    {
        await using var store = new SqliteEventStore(file.Options);
        var e = SampleEvents.One();
        await store.AppendAsync("incident-1", ExpectedRevision.NoStream, [e]);

        var elsewhere = () => store.AppendAsync("incident-2", ExpectedRevision.NoStream, [e]);

        (await elsewhere.Should().ThrowAsync<IdempotencyConflictException>()).WithMessage("*incident-1*");
        (await store.GetStreamRevisionAsync("incident-2")).Should().BeNull();
    }

    [Fact]
    public async Task the_same_event_id_twice_in_one_append_is_refused()
    {
        await using var store = new SqliteEventStore(file.Options);
        var e = SampleEvents.One();

        var twice = () => store.AppendAsync("incident-1", ExpectedRevision.NoStream, [e, e]);

        await twice.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task an_append_without_events_is_refused()
    {
        await using var store = new SqliteEventStore(file.Options);

        var empty = () => store.AppendAsync("incident-1", ExpectedRevision.NoStream, []);

        await empty.Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task the_recorded_time_comes_from_the_injected_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 14, 6, 30, 0, TimeSpan.Zero));
        await using var store = new SqliteEventStore(file.Options, clock);

        await store.AppendAsync("incident-1", ExpectedRevision.NoStream, SampleEvents.Many(2));
        clock.Advance(TimeSpan.FromMinutes(42.5));
        await store.AppendAsync("incident-1", ExpectedRevision.Exact(1), [SampleEvents.One()]);

        var read = await SqliteReopeningTests.ReadStreamAsync(store, "incident-1");
        read.Select(e => e.RecordedAt).Should().Equal(
            new DateTimeOffset(2026, 3, 14, 6, 30, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 14, 6, 30, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 14, 7, 12, 30, TimeSpan.Zero));
    }

    [Fact]
    public async Task binary_and_empty_data_round_trip_exactly()
    {
        await using var store = new SqliteEventStore(file.Options);
        var binary = Enumerable.Range(0, 512).Select(i => (byte)(i % 256)).ToArray();

        await store.AppendAsync("incident-1", ExpectedRevision.NoStream,
            [SampleEvents.One() with { Data = binary }, SampleEvents.One() with { Data = Array.Empty<byte>() }]);

        var read = await SqliteReopeningTests.ReadStreamAsync(store, "incident-1");
        read[0].Data.ToArray().Should().Equal(binary);
        read[1].Data.Length.Should().Be(0);
        (await new StreamVerifier(store).VerifyAsync("incident-1")).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task system_streams_are_left_out_of_global_reads_unless_a_prefix_names_them()
    {
        await using var store = new SqliteEventStore(file.Options);
        var visible = SampleEvents.One("visible");
        var system = SampleEvents.One("system");
        await store.AppendAsync("incident-1", ExpectedRevision.NoStream, [visible]);
        await store.AppendAsync("$settings", ExpectedRevision.NoStream, [system]);

        var unfiltered = await ReadAllAsync(store, null);
        var emptyPrefix = await ReadAllAsync(store, StreamFilter.Prefix(""));
        var named = await ReadAllAsync(store, StreamFilter.Prefix("$set"));

        unfiltered.Should().Equal(visible.EventId);
        emptyPrefix.Should().Equal(visible.EventId);
        named.Should().Equal(system.EventId);
    }

    [Fact]
    public async Task an_append_cancelled_before_it_is_queued_writes_nothing()
    {
        await using var store = new SqliteEventStore(file.Options);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var append = () => store.AppendAsync("incident-1", ExpectedRevision.NoStream, [SampleEvents.One()], cancelled.Token);

        await append.Should().ThrowAsync<OperationCanceledException>();
        (await store.GetStreamRevisionAsync("incident-1")).Should().BeNull();
    }

    private static async Task<List<Guid>> ReadAllAsync(IEventStore store, StreamFilter? filter)
    {
        var ids = new List<Guid>();
        await foreach (var e in store.ReadAllAsync(GlobalPosition.Start, filter))
            ids.Add(e.EventId);
        return ids;
    }
}
