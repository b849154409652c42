namespace CrisisCenter.EventStore.Tests.Contract;

public abstract partial class EventStoreContractTests
{
    [SkippableFact]
    public async Task each_event_chains_to_the_previous_hash_of_its_own_stream_starting_at_genesis()
    {
        var store = await OpenStoreAsync();
        var incident1 = StreamName("incident-1");
        var incident2 = StreamName("incident-2");
        await store.AppendAsync(incident1, ExpectedRevision.NoStream, SampleEvents.Many(2));
        await store.AppendAsync(incident2, ExpectedRevision.NoStream, SampleEvents.Many(2));
        await store.AppendAsync(incident1, ExpectedRevision.Exact(1), SampleEvents.Many(2));

        foreach (var stream in new[] { incident1, incident2 })
        {
            var read = await ReadStreamAsync(store, stream);
            read[0].PreviousHash.Should().Be(HashChain.Genesis);
            for (var i = 1; i < read.Count; i++)
                read[i].PreviousHash.Should().Be(read[i - 1].Hash);
            foreach (var e in read)
                e.Hash.Should().Be(HashChain.Compute(e.PreviousHash, e.EventId, e.Stream, e.Revision, e.Type, e.Data.Span, e.Metadata));
        }
    }

    [SkippableFact]
    public async Task the_stream_verifier_reports_an_untouched_stream_as_intact()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        await store.AppendAsync(stream, ExpectedRevision.NoStream, SampleEvents.Many(3));
        await store.AppendAsync(stream, ExpectedRevision.Exact(2), SampleEvents.Many(2));

        var result = await new StreamVerifier(store).VerifyAsync(stream);

        result.Should().Be(VerificationResult.Intact(stream, 5));
    }
}
