using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.EventStore.Tests.Contract;

namespace CrisisCenter.EventStore.Tests.Sqlite;

/// <summary>Two store instances on one file stand for two web nodes (processes) sharing it: they share
/// nothing in memory, only the file.</summary>
public sealed class SqliteSharedFileTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly TemporaryDatabaseFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public async Task appends_by_another_instance_on_the_same_file_reach_a_subscription_by_polling()
    {
        await using var node1 = new SqliteEventStore(file.Options);
        await using var node2 = new SqliteEventStore(file.Options);
        var ours = SampleEvents.Many(2, "node 1");
        await node1.AppendAsync("incident-1", ExpectedRevision.NoStream, ours);
        await using var subscription = SubscriptionProbe.Start(node1, GlobalPosition.Start, StreamFilter.Prefix("incident-"));
        await subscription.TakeAsync(2, Timeout);

        var theirs = SampleEvents.Many(3, "node 2");
        await node2.AppendAsync("incident-2", ExpectedRevision.NoStream, theirs[..2]);
        await node2.AppendAsync("incident-1", ExpectedRevision.Exact(1), theirs[2..]);
        var seen = await subscription.TakeAsync(3, Timeout);

        seen.Select(e => e.EventId).Should().Equal(theirs.Select(e => e.EventId));
        seen.Select(e => e.Position).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task appenders_on_two_instances_expecting_the_same_revision_let_exactly_one_win()
    {
        await using var node1 = new SqliteEventStore(file.Options);
        await using var node2 = new SqliteEventStore(file.Options);
        await node1.AppendAsync("incident-1", ExpectedRevision.NoStream, [SampleEvents.One()]);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var node = i % 2 == 0 ? node1 : node2;
            try
            {
                await node.AppendAsync("incident-1", ExpectedRevision.Exact(0), [SampleEvents.One($"racer {i}")]);
                return true;
            }
            catch (WrongExpectedRevisionException)
            {
                return false;
            }
        })).ToArray();

        start.SetResult();
        var won = await Task.WhenAll(racers).WaitAsync(Timeout);

        won.Count(w => w).Should().Be(1);
        (await SqliteReopeningTests.ReadStreamAsync(node2, "incident-1")).Should().HaveCount(2);
        (await new StreamVerifier(node1).VerifyAsync("incident-1")).IsIntact.Should().BeTrue();
    }
}
