namespace CrisisCenter.EventStore.Tests.Contract;

public abstract partial class EventStoreContractTests
{
    [SkippableFact]
    public async Task a_subscription_catches_up_then_goes_live_seeing_every_event_once_in_store_order()
    {
        var store = await OpenStoreAsync();
        const int before = 12, writers = 4, eachWriterAppends = 8;
        for (var i = 0; i < before; i++)
            await store.AppendAsync(StreamName($"incident-{i % 3}"), ExpectedRevision.Any, [SampleEvents.One($"before {i}")]);
        await store.AppendAsync($"u{Guid.NewGuid():N}-incident-1", ExpectedRevision.Any, [SampleEvents.One("not ours")]);

        await using var subscription = SubscriptionProbe.Start(store, GlobalPosition.Start, OwnStreams);
        var caughtUp = await subscription.TakeAsync(before, TestTimeout);
        var live = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < eachWriterAppends; i++)
                await store.AppendAsync(StreamName($"incident-{(w + i) % 5}"), ExpectedRevision.Any, [SampleEvents.One($"live {w}/{i}")]);
        }));
        await Task.WhenAll(live).WaitAsync(TestTimeout);
        // The last event is appended after all others were acknowledged, so it is the last our streams hold:
        // whatever arrives before it is everything the subscription delivers, duplicates included.
        var last = SampleEvents.One("last");
        await store.AppendAsync(StreamName("incident-0"), ExpectedRevision.Any, [last]);
        var liveSeen = await subscription.TakeUntilAsync(last.EventId, TestTimeout);

        var seen = caughtUp.Concat(liveSeen).ToList();
        seen.Should().HaveCount(before + writers * eachWriterAppends + 1);
        Ids(seen).Should().OnlyHaveUniqueItems();
        seen.Select(e => e.Position).Should().BeInAscendingOrder();
        seen.Select(e => (e.EventId, e.Position)).Should().Equal((await ReadOwnStreamsAsync(store)).Select(e => (e.EventId, e.Position)));
    }

    [SkippableFact]
    public async Task a_subscription_from_a_middle_position_starts_after_it()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        var events = SampleEvents.Many(5);
        await store.AppendAsync(stream, ExpectedRevision.NoStream, events[..2]);
        var middle = (await ReadOwnStreamsAsync(store))[^1].Position;
        await store.AppendAsync(stream, ExpectedRevision.Exact(1), events[2..4]);

        await using var subscription = SubscriptionProbe.Start(store, middle, OwnStreams);
        var caughtUp = await subscription.TakeAsync(2, TestTimeout);
        await store.AppendAsync(stream, ExpectedRevision.Exact(3), events[4..]);
        var live = await subscription.TakeUntilAsync(events[4].EventId, TestTimeout);

        Ids(caughtUp).Should().Equal(Ids(events[2..4]));
        Ids(live).Should().Equal(events[4].EventId);
        caughtUp.Should().OnlyContain(e => e.Position > middle);
    }

    [SkippableFact]
    public async Task cancelling_a_subscription_ends_it()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        await store.AppendAsync(stream, ExpectedRevision.NoStream, [SampleEvents.One()]);
        await using var subscription = SubscriptionProbe.Start(store, GlobalPosition.Start, OwnStreams);
        await subscription.TakeAsync(1, TestTimeout);

        subscription.Cancel();

        // Ending quietly or with OperationCanceledException are both an end; anything else, or not ending, is not.
        var ending = async () => await subscription.Completion.WaitAsync(TestTimeout);
        var error = await Record.ExceptionAsync(ending);
        (error is null or OperationCanceledException).Should().BeTrue($"a cancelled subscription ends, but it threw {error}");
        await store.AppendAsync(stream, ExpectedRevision.Exact(0), [SampleEvents.One("after cancel")]);
        subscription.Pending().Should().BeEmpty();
    }
}
