namespace CrisisCenter.EventStore.Tests.Contract;

/// <summary>Appends told the stream's last event (a <see cref="StreamTail"/>): the chain, conflicts and repeats are
/// exactly those of an append without one.</summary>
public abstract partial class EventStoreContractTests
{
    [SkippableFact]
    public async Task an_append_reports_the_tail_it_left_and_an_append_after_that_tail_chains_onto_it()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");

        var first = await store.AppendAsync(stream, ExpectedRevision.NoStream, SampleEvents.Many(2));
        var second = await store.AppendAsync(stream, ExpectedRevision.Exact(first.NextExpectedRevision), SampleEvents.Many(2, "later"), first.Tail);

        var stored = await ReadStreamAsync(store, stream);
        first.Tail.Should().Be(StreamTail.Of(stored[1]));
        second.Tail.Should().Be(StreamTail.Of(stored[3]));
        stored[2].PreviousHash.Should().Be(stored[1].Hash);
        (await new StreamVerifier(store).VerifyAsync(stream)).Should().Be(VerificationResult.Intact(stream, 4));
    }

    [SkippableFact]
    public async Task a_stale_tail_fails_like_a_stale_expected_revision_and_writes_nothing()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        await store.AppendAsync(stream, ExpectedRevision.NoStream, SampleEvents.Many(3));
        var stale = StreamTail.Of((await ReadStreamAsync(store, stream))[0]);

        var append = () => store.AppendAsync(stream, ExpectedRevision.Exact(0), [SampleEvents.One()], stale);

        (await append.Should().ThrowAsync<WrongExpectedRevisionException>()).Which.ActualRevision.Should().Be(2);
        (await ReadStreamAsync(store, stream)).Should().HaveCount(3);
    }

    [SkippableFact]
    public async Task re_appending_after_the_same_tail_returns_the_original_result_and_writes_nothing()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        var declared = await store.AppendAsync(stream, ExpectedRevision.NoStream, [SampleEvents.One()]);
        var events = SampleEvents.Many(2);
        var original = await store.AppendAsync(stream, ExpectedRevision.Exact(0), events, declared.Tail);

        var retried = await store.AppendAsync(stream, ExpectedRevision.Exact(0), events, declared.Tail);
        var later = SampleEvents.One("a later update");
        await store.AppendAsync(stream, ExpectedRevision.Exact(2), [later], original.Tail);
        var retriedAfterLater = await store.AppendAsync(stream, ExpectedRevision.Exact(0), events, declared.Tail);

        retried.Should().Be(original);
        retriedAfterLater.Should().Be(original);
        (await ReadStreamAsync(store, stream)).Skip(1).Select(e => e.EventId).Should().Equal([.. Ids(events), later.EventId]);
    }
}
