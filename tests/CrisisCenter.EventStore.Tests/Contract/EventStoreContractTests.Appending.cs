namespace CrisisCenter.EventStore.Tests.Contract;

public abstract partial class EventStoreContractTests
{
    [SkippableFact]
    public async Task appending_to_a_new_stream_with_no_stream_starts_it_at_revision_zero()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");

        var result = await store.AppendAsync(stream, ExpectedRevision.NoStream, [SampleEvents.One()]);

        result.NextExpectedRevision.Should().Be(0);
        (await store.GetStreamRevisionAsync(stream)).Should().Be(0);
        var stored = await ReadStreamAsync(store, stream);
        stored.Should().ContainSingle().Which.Should().Match<RecordedEvent>(e => e.Revision == 0 && e.Position == result.LastPosition && e.Stream == stream);
    }

    [SkippableFact]
    public async Task no_stream_on_an_existing_stream_fails_with_its_actual_revision()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        await store.AppendAsync(stream, ExpectedRevision.NoStream, SampleEvents.Many(2));

        var append = () => store.AppendAsync(stream, ExpectedRevision.NoStream, [SampleEvents.One()]);

        var failure = (await append.Should().ThrowAsync<WrongExpectedRevisionException>()).Which;
        failure.ActualRevision.Should().Be(1);
        failure.Stream.Should().Be(stream);
        failure.Expected.Should().Be(ExpectedRevision.NoStream);
        (await ReadStreamAsync(store, stream)).Should().HaveCount(2);
    }

    [SkippableFact]
    public async Task an_exact_revision_that_matches_appends_after_it()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        var first = await store.AppendAsync(stream, ExpectedRevision.NoStream, [SampleEvents.One()]);

        var result = await store.AppendAsync(stream, ExpectedRevision.Exact(first.NextExpectedRevision), SampleEvents.Many(2));

        result.NextExpectedRevision.Should().Be(2);
        result.LastPosition.Should().BeGreaterThan(first.LastPosition);
        (await ReadStreamAsync(store, stream)).Select(e => e.Revision).Should().Equal(0, 1, 2);
    }

    [SkippableFact]
    public async Task an_exact_revision_that_does_not_match_fails_with_the_actual_revision()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        await store.AppendAsync(stream, ExpectedRevision.NoStream, SampleEvents.Many(3));

        var behind = () => store.AppendAsync(stream, ExpectedRevision.Exact(0), [SampleEvents.One()]);
        var ahead = () => store.AppendAsync(stream, ExpectedRevision.Exact(7), [SampleEvents.One()]);

        (await behind.Should().ThrowAsync<WrongExpectedRevisionException>()).Which.ActualRevision.Should().Be(2);
        (await ahead.Should().ThrowAsync<WrongExpectedRevisionException>()).Which.ActualRevision.Should().Be(2);
        (await ReadStreamAsync(store, stream)).Should().HaveCount(3);
    }

    [SkippableFact]
    public async Task an_exact_revision_on_a_missing_stream_fails_with_no_actual_revision()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");

        var append = () => store.AppendAsync(stream, ExpectedRevision.Exact(0), [SampleEvents.One()]);

        (await append.Should().ThrowAsync<WrongExpectedRevisionException>()).Which.ActualRevision.Should().BeNull();
        (await store.GetStreamRevisionAsync(stream)).Should().BeNull();
    }

    [SkippableFact]
    public async Task any_appends_whether_or_not_the_stream_exists()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");

        var created = await store.AppendAsync(stream, ExpectedRevision.Any, [SampleEvents.One()]);
        var continued = await store.AppendAsync(stream, ExpectedRevision.Any, [SampleEvents.One()]);

        created.NextExpectedRevision.Should().Be(0);
        continued.NextExpectedRevision.Should().Be(1);
        (await ReadStreamAsync(store, stream)).Should().HaveCount(2);
    }

    [SkippableFact]
    public async Task a_multi_event_append_is_stored_whole_with_contiguous_revisions()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        await store.AppendAsync(stream, ExpectedRevision.NoStream, SampleEvents.Many(2));
        var batch = SampleEvents.Many(5, "batch");

        var result = await store.AppendAsync(stream, ExpectedRevision.Exact(1), batch);

        var stored = (await ReadStreamAsync(store, stream)).Skip(2).ToList();
        Ids(stored).Should().Equal(Ids(batch));
        stored.Select(e => e.Revision).Should().Equal(2, 3, 4, 5, 6);
        stored.Select(e => e.Position).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        result.Should().Be(new AppendResult(6, stored[^1].Position) { LastHash = stored[^1].Hash });
    }

    [SkippableFact]
    public async Task a_rejected_multi_event_append_stores_none_of_its_events()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        var existing = await store.AppendAsync(stream, ExpectedRevision.NoStream, [SampleEvents.One()]);
        var batch = SampleEvents.Many(3, "rejected");

        var append = () => store.AppendAsync(stream, ExpectedRevision.NoStream, batch);

        await append.Should().ThrowAsync<WrongExpectedRevisionException>();
        var stored = await ReadStreamAsync(store, stream);
        stored.Should().ContainSingle();
        Ids(stored).Should().NotIntersectWith(Ids(batch));
        (await store.GetStreamRevisionAsync(stream)).Should().Be(existing.NextExpectedRevision);
    }
}
