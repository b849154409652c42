namespace CrisisCenter.EventStore.Tests.Contract;

public abstract partial class EventStoreContractTests
{
    [SkippableFact]
    public async Task reading_all_after_a_position_returns_the_later_events_of_matching_streams_in_global_order()
    {
        var store = await OpenStoreAsync();
        var incident1 = StreamName("incident-1");
        var incident2 = StreamName("incident-2");
        var unrelated = $"u{Guid.NewGuid():N}-incident-3";
        var a = SampleEvents.One("a");
        var b = SampleEvents.One("b");
        var c = SampleEvents.One("c");
        var d = SampleEvents.One("d");
        var first = await store.AppendAsync(incident1, ExpectedRevision.NoStream, [a]);
        await store.AppendAsync(incident2, ExpectedRevision.NoStream, [b]);
        await store.AppendAsync(unrelated, ExpectedRevision.NoStream, [SampleEvents.One("elsewhere")]);
        await store.AppendAsync(incident1, ExpectedRevision.Exact(0), [c]);
        await store.AppendAsync(incident2, ExpectedRevision.Exact(0), [d]);

        var everything = await ReadOwnStreamsAsync(store);
        var afterFirst = await ReadOwnStreamsAsync(store, afterPosition: first.LastPosition);

        Ids(everything).Should().Equal(a.EventId, b.EventId, c.EventId, d.EventId);
        Ids(afterFirst).Should().Equal(b.EventId, c.EventId, d.EventId);
        afterFirst.Select(e => e.Stream).Should().Equal(incident2, incident1, incident2);
    }

    [SkippableFact]
    public async Task max_count_limits_how_many_events_a_global_read_returns()
    {
        var store = await OpenStoreAsync();
        var events = SampleEvents.Many(4);
        await store.AppendAsync(StreamName("incident-1"), ExpectedRevision.NoStream, events);

        var read = await ReadOwnStreamsAsync(store, maxCount: 3);

        Ids(read).Should().Equal(Ids(events[..3]));
    }

    [SkippableFact]
    public async Task positions_are_strictly_increasing_in_append_order_across_streams()
    {
        var store = await OpenStoreAsync();
        var results = new List<AppendResult>();
        for (var i = 0; i < 6; i++)
            results.Add(await store.AppendAsync(StreamName($"incident-{i % 3}"), ExpectedRevision.Any, SampleEvents.Many(2)));

        var read = await ReadOwnStreamsAsync(store);

        read.Should().HaveCount(12);
        read.Select(e => e.Position).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        results.Select(r => r.LastPosition).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        results.Select(r => r.LastPosition).Should().BeSubsetOf(read.Select(e => e.Position));
    }

    [SkippableFact]
    public async Task the_last_position_is_at_least_that_of_the_latest_append()
    {
        var store = await OpenStoreAsync();
        var result = await store.AppendAsync(StreamName("incident-1"), ExpectedRevision.NoStream, SampleEvents.Many(2));

        // Other writers may share the store, so only a lower bound holds.
        (await store.GetLastPositionAsync()).Should().BeGreaterThanOrEqualTo(result.LastPosition);
    }
}
