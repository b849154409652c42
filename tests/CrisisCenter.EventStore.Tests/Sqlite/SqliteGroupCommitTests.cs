using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.EventStore.Tests.Contract;

namespace CrisisCenter.EventStore.Tests.Sqlite;

public sealed class SqliteGroupCommitTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly TemporaryDatabaseFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public async Task many_concurrent_appends_all_succeed_in_fewer_transactions_than_appends()
    {
        await using var store = new SqliteEventStore(file.Options);
        const int appends = 200;
        var commitsBefore = store.CommitCount;

        var results = await Task.WhenAll(Enumerable.Range(0, appends).Select(i => Task.Run(() =>
            store.AppendAsync($"incident-{i}", ExpectedRevision.NoStream, [SampleEvents.One()])))).WaitAsync(Timeout);

        results.Should().HaveCount(appends).And.OnlyContain(r => r.NextExpectedRevision == 0);
        results.Select(r => r.LastPosition).Should().OnlyHaveUniqueItems();
        (store.CommitCount - commitsBefore).Should().BeLessThan(appends);
    }

    [Fact]
    public async Task appends_queued_behind_a_commit_go_out_together_in_one_transaction()
    {
        await using var store = new SqliteEventStore(file.Options);
        var commitsBefore = store.CommitCount;
        using var otherProcess = new WriteLockHolder(file);

        var pending = Enumerable.Range(0, 100).Select(i => store.AppendAsync($"incident-{i}", ExpectedRevision.NoStream, [SampleEvents.One()])).ToArray();
        await Task.Delay(200);
        otherProcess.Release();
        await Task.WhenAll(pending).WaitAsync(Timeout);

        // At most: the append the writer already held when the lock was taken, then everything queued behind it.
        (store.CommitCount - commitsBefore).Should().BeInRange(1, 2);
    }

    [Fact]
    public async Task a_failing_append_does_not_undo_the_others_committed_with_it()
    {
        await using var store = new SqliteEventStore(file.Options);
        var commitsBefore = store.CommitCount;
        var first = SampleEvents.One("first");
        var clash = SampleEvents.One("clash");
        var other = SampleEvents.One("other stream");
        var stale = SampleEvents.One("stale");
        var after = SampleEvents.One("after the failures");
        using var otherProcess = new WriteLockHolder(file);

        var appendFirst = store.AppendAsync("incident-1", ExpectedRevision.NoStream, [first]);
        var appendClash = store.AppendAsync("incident-1", ExpectedRevision.NoStream, [clash]);
        var appendOther = store.AppendAsync("incident-2", ExpectedRevision.NoStream, [other]);
        var appendStale = store.AppendAsync("incident-3", ExpectedRevision.Exact(4), [stale]);
        var appendAfter = store.AppendAsync("incident-1", ExpectedRevision.Exact(0), [after]);
        await Task.Delay(200);
        otherProcess.Release();

        (await appendFirst.WaitAsync(Timeout)).NextExpectedRevision.Should().Be(0);
        (await appendClash.Awaiting(t => t.WaitAsync(Timeout)).Should().ThrowAsync<WrongExpectedRevisionException>()).Which.ActualRevision.Should().Be(0);
        (await appendOther.WaitAsync(Timeout)).NextExpectedRevision.Should().Be(0);
        (await appendStale.Awaiting(t => t.WaitAsync(Timeout)).Should().ThrowAsync<WrongExpectedRevisionException>()).Which.ActualRevision.Should().BeNull();
        (await appendAfter.WaitAsync(Timeout)).NextExpectedRevision.Should().Be(1);
        (store.CommitCount - commitsBefore).Should().BeInRange(1, 2);
        (await SqliteReopeningTests.ReadStreamAsync(store, "incident-1")).Select(e => e.EventId).Should().Equal(first.EventId, after.EventId);
        (await SqliteReopeningTests.ReadStreamAsync(store, "incident-2")).Select(e => e.EventId).Should().Equal(other.EventId);
        (await store.GetStreamRevisionAsync("incident-3")).Should().BeNull();
        (await new StreamVerifier(store).VerifyAsync("incident-1")).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task an_append_failing_halfway_leaves_none_of_its_events_and_does_not_undo_the_others()
    {
        await using var store = new SqliteEventStore(file.Options);
        using (var direct = file.OpenDirectConnection())
        using (var trigger = direct.CreateCommand())
        {
            // Stands for a failure in the middle of writing an append (disk trouble, a constraint).
            trigger.CommandText = "CREATE TRIGGER refuse_poison BEFORE INSERT ON events WHEN NEW.type = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END;";
            trigger.ExecuteNonQuery();
        }
        var before = SampleEvents.One("before");
        var halfway = new[] { SampleEvents.One("written first"), SampleEvents.One(type: "poison") };
        var after = SampleEvents.One("after");
        using var otherProcess = new WriteLockHolder(file);

        var appendBefore = store.AppendAsync("incident-1", ExpectedRevision.NoStream, [before]);
        var appendHalfway = store.AppendAsync("incident-2", ExpectedRevision.NoStream, halfway);
        var appendAfter = store.AppendAsync("incident-3", ExpectedRevision.NoStream, [after]);
        await Task.Delay(200);
        otherProcess.Release();

        await appendBefore.WaitAsync(Timeout);
        await appendHalfway.Awaiting(t => t.WaitAsync(Timeout)).Should().ThrowAsync<EventStoreUnavailableException>().WithMessage("*poisoned*");
        await appendAfter.WaitAsync(Timeout);
        (await store.GetStreamRevisionAsync("incident-2")).Should().BeNull();
        var all = new List<Guid>();
        await foreach (var e in store.ReadAllAsync())
            all.Add(e.EventId);
        all.Should().Equal(before.EventId, after.EventId);
    }
}
