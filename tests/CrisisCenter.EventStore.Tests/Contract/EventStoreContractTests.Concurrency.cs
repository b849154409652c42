namespace CrisisCenter.EventStore.Tests.Contract;

public abstract partial class EventStoreContractTests
{
    private const int Racers = 20;

    [SkippableFact]
    public async Task of_concurrent_appenders_expecting_the_same_revision_exactly_one_wins()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        await store.AppendAsync(stream, ExpectedRevision.NoStream, [SampleEvents.One()]);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                return (Result: await store.AppendAsync(stream, ExpectedRevision.Exact(0), [SampleEvents.One($"racer {i}")]), Conflict: (WrongExpectedRevisionException?)null);
            }
            catch (WrongExpectedRevisionException conflict)
            {
                return (Result: (AppendResult?)null, Conflict: conflict);
            }
        })).ToArray();

        start.SetResult();
        var outcomes = await Task.WhenAll(racers).WaitAsync(TestTimeout);

        outcomes.Where(o => o.Result is not null).Should().ContainSingle().Which.Result!.NextExpectedRevision.Should().Be(1);
        outcomes.Where(o => o.Conflict is not null).Should().HaveCount(Racers - 1)
            .And.OnlyContain(o => o.Conflict!.ActualRevision == 1);
        (await ReadStreamAsync(store, stream)).Should().HaveCount(2);
    }

    [SkippableFact]
    public async Task concurrent_appenders_that_retry_on_conflict_each_get_a_distinct_revision()
    {
        var store = await OpenStoreAsync();
        var stream = StreamName("incident-1");
        using var deadline = new CancellationTokenSource(TestTimeout);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writers = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var e = SampleEvents.One($"writer {i}");
            while (true)
            {
                deadline.Token.ThrowIfCancellationRequested();
                var last = await store.GetStreamRevisionAsync(stream, deadline.Token);
                try
                {
                    var result = await store.AppendAsync(stream, ExpectedRevision.FromLastRevision(last), [e], deadline.Token);
                    return (e.EventId, result.NextExpectedRevision);
                }
                catch (WrongExpectedRevisionException)
                {
                    // Someone else took that revision: look again and retry, as the incident grain does.
                }
            }
        })).ToArray();

        start.SetResult();
        var won = await Task.WhenAll(writers).WaitAsync(TestTimeout);

        won.Select(w => w.NextExpectedRevision).Should().BeEquivalentTo(Enumerable.Range(0, Racers).Select(r => (long)r));
        var stored = await ReadStreamAsync(store, stream);
        stored.Select(e => (e.EventId, e.Revision)).Should().BeEquivalentTo(won.Select(w => (w.EventId, w.NextExpectedRevision)));
    }
}
