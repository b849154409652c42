namespace CrisisCenter.EventStore.Tests.Contract;

public abstract partial class EventStoreContractTests
{
    private async Task<(IEventStore Store, string Stream, EventData[] Events)> StreamOfFiveAsync()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        var events = SampleEvents.Many(5);
        await store.AppendAsync(stream, ExpectedRevision.NoStream, events);
        return (store, stream, events);
    }

    [SkippableFact]
    public async Task reading_a_stream_forwards_from_a_revision_returns_it_and_every_later_event_in_order()
    {
        var (store, stream, events) = await StreamOfFiveAsync();

        var read = await ReadStreamAsync(store, stream, from: 2);

        read.Select(e => e.Revision).Should().Equal(2, 3, 4);
        Ids(read).Should().Equal(Ids(events[2..]));
    }

    [SkippableFact]
    public async Task reading_a_stream_backwards_from_the_end_starts_at_its_last_event()
    {
        var (store, stream, events) = await StreamOfFiveAsync();

        var read = await ReadStreamAsync(store, stream, StreamRevision.End, ReadDirection.Backwards);

        read.Select(e => e.Revision).Should().Equal(4, 3, 2, 1, 0);
        Ids(read).Should().Equal(Ids(events.Reverse()));
    }

    [SkippableFact]
    public async Task reading_a_stream_backwards_from_a_revision_returns_it_and_every_earlier_event()
    {
        var (store, stream, _) = await StreamOfFiveAsync();

        var read = await ReadStreamAsync(store, stream, 2, ReadDirection.Backwards);

        read.Select(e => e.Revision).Should().Equal(2, 1, 0);
    }

    [SkippableFact]
    public async Task max_count_limits_how_many_events_a_stream_read_returns()
    {
        var (store, stream, _) = await StreamOfFiveAsync();

        var forwards = await ReadStreamAsync(store, stream, 1, ReadDirection.Forwards, maxCount: 3);
        var backwards = await ReadStreamAsync(store, stream, StreamRevision.End, ReadDirection.Backwards, maxCount: 2);
        var none = await ReadStreamAsync(store, stream, 0, ReadDirection.Forwards, maxCount: 0);

        forwards.Select(e => e.Revision).Should().Equal(1, 2, 3);
        backwards.Select(e => e.Revision).Should().Equal(4, 3);
        none.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task reading_forwards_past_the_last_revision_returns_nothing()
    {
        var (store, stream, _) = await StreamOfFiveAsync();

        (await ReadStreamAsync(store, stream, from: 5)).Should().BeEmpty();
    }

    [SkippableFact]
    public async Task a_missing_stream_reads_empty_and_has_no_revision()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("never-written");

        (await ReadStreamAsync(store, stream)).Should().BeEmpty();
        (await ReadStreamAsync(store, stream, StreamRevision.End, ReadDirection.Backwards)).Should().BeEmpty();
        (await store.GetStreamRevisionAsync(stream)).Should().BeNull();
    }
}
