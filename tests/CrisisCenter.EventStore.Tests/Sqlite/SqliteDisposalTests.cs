using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.EventStore.Tests.Contract;

namespace CrisisCenter.EventStore.Tests.Sqlite;

public sealed class SqliteDisposalTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly TemporaryDatabaseFile file = new();

    public void Dispose() => file.Dispose();

    [Fact]
    public async Task disposing_with_appends_pending_stores_exactly_the_acknowledged_ones_and_fails_the_rest_cleanly()
    {
        var store = new SqliteEventStore(file.Options);
        const int appends = 300;
        var events = SampleEvents.Many(appends);
        using var otherProcess = new WriteLockHolder(file);
        var pending = events.Select((e, i) => store.AppendAsync($"incident-{i % 30}", ExpectedRevision.Any, [e])).ToArray();
        await Task.Delay(300); // the writer has taken its first batch and waits for the lock

        var disposing = store.DisposeAsync().AsTask();
        otherProcess.Release();
        await disposing.WaitAsync(Timeout);

        var outcomes = await Task.WhenAll(pending.Select(async p =>
        {
            try { await p; return (Exception?)null; }
            catch (Exception e) { return e; }
        }));
        outcomes.Where(o => o is not null).Should().OnlyContain(o => o is ObjectDisposedException).And.NotBeEmpty();
        var acknowledged = events.Where((_, i) => outcomes[i] is null).Select(e => e.EventId).ToList();
        acknowledged.Should().NotBeEmpty();

        await using var reopened = new SqliteEventStore(file.Options);
        var stored = new List<RecordedEvent>();
        await foreach (var e in reopened.ReadAllAsync())
            stored.Add(e);
        stored.Select(e => e.EventId).Should().BeEquivalentTo(acknowledged);
        for (var i = 0; i < 30; i++)
            (await new StreamVerifier(reopened).VerifyAsync($"incident-{i}")).IsIntact.Should().BeTrue();
        using var direct = file.OpenDirectConnection();
        SqliteTamperingTests.IntegrityCheck(direct).Should().Be("ok");
    }

    [Fact]
    public async Task appending_to_a_disposed_store_is_refused()
    {
        var store = new SqliteEventStore(file.Options);
        await store.DisposeAsync();

        var append = () => store.AppendAsync("incident-1", ExpectedRevision.Any, [SampleEvents.One()]);

        await append.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public async Task disposing_the_store_ends_its_subscriptions()
    {
        var store = new SqliteEventStore(file.Options);
        await store.AppendAsync("incident-1", ExpectedRevision.NoStream, [SampleEvents.One()]);
        await using var subscription = SubscriptionProbe.Start(store, GlobalPosition.Start, StreamFilter.Prefix("incident-"));
        await subscription.TakeAsync(1, Timeout);

        await store.DisposeAsync();

        await subscription.Completion.Awaiting(c => c.WaitAsync(Timeout)).Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public async Task disposing_twice_is_harmless()
    {
        var store = new SqliteEventStore(file.Options);

        await store.DisposeAsync();
        var again = async () => await store.DisposeAsync();

        await again.Should().NotThrowAsync();
    }
}
