namespace CrisisCenter.EventStore.Tests.Contract;

public abstract partial class EventStoreContractTests
{
    [SkippableFact]
    public async Task re_appending_the_same_event_ids_returns_the_original_result_and_writes_nothing()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        var events = SampleEvents.Many(2);
        var original = await store.AppendAsync(stream, ExpectedRevision.NoStream, events);

        var retried = await store.AppendAsync(stream, ExpectedRevision.NoStream, events);

        retried.Should().Be(original);
        Ids(await ReadStreamAsync(store, stream)).Should().Equal(Ids(events));
    }

    [SkippableFact]
    public async Task re_appending_the_same_event_ids_after_later_events_still_returns_the_original_result()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        var events = SampleEvents.Many(2);
        var original = await store.AppendAsync(stream, ExpectedRevision.NoStream, events);
        var later = SampleEvents.One("a later update");
        await store.AppendAsync(stream, ExpectedRevision.Exact(original.NextExpectedRevision), [later]);

        var retried = await store.AppendAsync(stream, ExpectedRevision.NoStream, events);

        retried.Should().Be(original);
        Ids(await ReadStreamAsync(store, stream)).Should().Equal([.. Ids(events), later.EventId]);
        (await ReadOwnStreamsAsync(store)).Should().HaveCount(3);
    }

    [SkippableFact]
    public async Task an_append_that_partly_overlaps_stored_event_ids_is_rejected_and_writes_nothing()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        var stored = SampleEvents.Many(2);
        await store.AppendAsync(stream, ExpectedRevision.NoStream, stored);
        var overlapping = new[] { stored[0], SampleEvents.One("not stored yet") };

        var append = () => store.AppendAsync(stream, ExpectedRevision.NoStream, overlapping);

        (await append.Should().ThrowAsync<IdempotencyConflictException>()).Which.Stream.Should().Be(stream);
        Ids(await ReadStreamAsync(store, stream)).Should().Equal(Ids(stored));
    }
}
