using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CrisisCenter.Application.Projections;
using CrisisCenter.Channels.Delivery;
using CrisisCenter.Channels.Dispatching;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.EventStore.Sqlite;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Channels.Tests.Dispatching;

/// <summary>
/// The dispatcher's open posts are a stored read model of the node's projection host: a node started again on its read
/// store resumes exactly the open posts, with the due times their events recorded, and neither the dispatcher nor the
/// host reads the store's history from the first event; a batch that fails half-way leaves them equal to a rebuild.
/// </summary>
public sealed class OpenPostsRestartTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "crisiscenter-channels-tests", "open-posts-" + Guid.NewGuid().ToString("N"));
    private readonly SqliteEventStore store;

    public OpenPostsRestartTests()
    {
        Directory.CreateDirectory(folder);
        store = new SqliteEventStore(SqliteEventStoreOptions.ForFile(Path.Combine(folder, "events.db")) with { PollInterval = TimeSpan.FromMilliseconds(50) });
    }

    private string ReadStorePath => Path.Combine(folder, "readmodels.db");

    [Fact(Timeout = 60_000)]
    public async Task a_restart_after_many_delivered_posts_resumes_only_the_open_ones_without_reading_history()
    {
        var incidents = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToArray();
        for (var i = 0; i < 300; i++)
        {
            var incident = incidents[i % incidents.Length];
            var post = Guid.NewGuid();
            await AppendAsync(Scheduled(incident, post, notBefore: null), new ChannelPostDelivered(incident, "system", Now, post, 1, "ext-" + i, null));
        }

        var dueNow = Guid.NewGuid();
        var retryLater = Guid.NewGuid();
        var scheduledLater = Guid.NewGuid();
        var retryAt = Now.AddHours(1);
        var notBefore = Now.AddHours(2);
        await AppendAsync(
            Scheduled(incidents[0], dueNow, null),
            Scheduled(incidents[1], retryLater, null),
            new ChannelPostFailed(incidents[1], "system", Now, retryLater, 1, "HTTP 503", retryAt),
            Scheduled(incidents[2], scheduledLater, notBefore));

        // The first node folds the whole history once and stores the open posts with its checkpoint.
        await using (var first = await Node.StartAsync(store, ReadStorePath))
        {
            await first.CaughtUpAsync();
            await first.Sender.AskedForAsync(dueNow);
        }

        var last = await AppendAsync(new ChannelPostDelivered(incidents[0], "system", Now, dueNow, 1, "ext-due", null));
        var counting = new CountingStore(store);
        await using var restarted = await Node.StartAsync(counting, ReadStorePath);
        await restarted.CaughtUpAsync();
        await restarted.Host.WaitForPositionAsync(last).WaitAsync(Patience);

        counting.ReadsFromStart.Should().Be(0, "neither the host nor the dispatcher reads history from the first event once a read store exists");
        counting.EventsRead.Should().Be(1, "only the event appended after the first node stopped is read");
        restarted.Pending.Recorded().Values.Should().BeEquivalentTo(
            [new PendingPost(incidents[1], retryLater, retryAt), new PendingPost(incidents[2], scheduledLater, notBefore)],
            "the delivered posts are gone and the open ones keep their recorded due times");
        await Task.Delay(300);
        restarted.Sender.Asked.Should().BeEmpty("no open post is due yet, and no delivered post is ever asked for again");
    }

    [Theory(Timeout = 60_000)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public async Task a_batch_that_fails_half_way_leaves_the_open_posts_equal_to_a_rebuild(int failAtSave)
    {
        var incidents = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToArray();
        var last = GlobalPosition.Start;
        for (var i = 0; i < 24; i++)
        {
            var incident = incidents[i % incidents.Length];
            var post = Guid.NewGuid();
            last = (i % 3) switch
            {
                0 => await AppendAsync(Scheduled(incident, post, null), new ChannelPostDelivered(incident, "system", Now, post, 1, "ext", null)),
                1 => await AppendAsync(Scheduled(incident, post, null), new ChannelPostFailed(incident, "system", Now, post, 1, "HTTP 503", Now.AddMinutes(i))),
                _ => await AppendAsync(Scheduled(incident, post, Now.AddMinutes(i)), new ChannelPostSending(incident, "system", Now, post, 1)),
            };
        }

        var failing = new FailingSave(failAtSave);
        await using (var node = await Node.StartAsync(store, ReadStorePath, batchSize: 5, extra: failing))
        {
            await node.CaughtUpAsync();
            await node.Host.WaitForPositionAsync(last).WaitAsync(Patience);
            failing.Failed.Should().BeTrue();
            node.Host.StoreFailures.Should().Be(1);
        }

        await using var restarted = await Node.StartAsync(store, ReadStorePath);
        await restarted.CaughtUpAsync();
        await using var rebuilt = await Node.StartAsync(store, readStorePath: null);
        await rebuilt.CaughtUpAsync();

        restarted.Pending.Recorded().Should().BeEquivalentTo(rebuilt.Pending.Recorded());
        restarted.Pending.Count.Should().Be(16, "two posts in three of 24 are still open");
    }

    private static ChannelPostScheduled Scheduled(Guid incident, Guid post, DateTimeOffset? notBefore) =>
        new(incident, "system", Now, post, Guid.NewGuid(), 1, "website", Language.Ru, ChannelPostAction.Publish, null, "key-" + post, notBefore);

    private async Task<long> AppendAsync(params IncidentEvent[] events)
    {
        var position = GlobalPosition.Start;
        foreach (var e in events)
        {
            var data = IncidentEventSerializer.ToEventData(e, Guid.NewGuid(), new EventMetadata { ActorId = e.By, CommandId = Guid.NewGuid() });
            position = (await store.AppendAsync(IncidentStreams.For(e.IncidentId), ExpectedRevision.Any, [data])).LastPosition;
        }

        return position;
    }

    public async ValueTask DisposeAsync()
    {
        await store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A node's projection host (on a read store file, or in memory) with the pending posts and a running dispatcher.</summary>
    private sealed class Node : IAsyncDisposable
    {
        private readonly ReadStore? readStore;
        private readonly ChannelDispatcher dispatcher;

        private Node(IEventStore store, string? readStorePath, int batchSize, IProjection? extra)
        {
            readStore = readStorePath is null ? null : ReadStore.Open(readStorePath, NullLogger.Instance);
            Host = new ProjectionHost(
                store, readStore is null ? new IncidentTimeline() : new IncidentTimeline(readStore), extra is null ? [Pending] : [Pending, extra], [],
                NullLogger<ProjectionHost>.Instance,
                Options.Create(new ProjectionHostOptions { InitialRetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(200) }),
                readStore: readStore, readStoreOptions: Options.Create(new ReadStoreOptions { Path = readStorePath, BatchSize = batchSize }));
            dispatcher = new ChannelDispatcher(Pending, Host, Sender, new FixedOptions(new ChannelsOptions()), TimeProvider.System, NullLogger<ChannelDispatcher>.Instance);
        }

        public PendingPosts Pending { get; } = new();
        public ProjectionHost Host { get; }
        public RecordingSender Sender { get; } = new();

        public static async Task<Node> StartAsync(IEventStore store, string? readStorePath, int batchSize = 1000, IProjection? extra = null)
        {
            var node = new Node(store, readStorePath, batchSize, extra);
            await node.Host.StartAsync(CancellationToken.None);
            await node.dispatcher.StartAsync(CancellationToken.None);
            return node;
        }

        public Task CaughtUpAsync() => dispatcher.CaughtUp.WaitAsync(Patience);

        public async ValueTask DisposeAsync()
        {
            await dispatcher.StopAsync(CancellationToken.None);
            await Host.StopAsync(CancellationToken.None);
            dispatcher.Dispose();
            Host.Dispose();
            readStore?.Dispose();
        }
    }

    /// <summary>Where the dispatcher hands due posts: records them and answers "come back in an hour".</summary>
    private sealed class RecordingSender : IChannelPostSender
    {
        private readonly ConcurrentQueue<Guid> asked = new();
        private readonly TaskCompletionSource<Guid> first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<Guid> Asked => [.. asked];

        public Task AskedForAsync(Guid postId) => first.Task.WaitAsync(Patience).ContinueWith(t => t.Result.Should().Be(postId), TaskScheduler.Default);

        public Task<DeliveryRun> DeliverAsync(Guid incidentId, Guid postId, CancellationToken cancellationToken)
        {
            asked.Enqueue(postId);
            first.TrySetResult(postId);
            return Task.FromResult(new DeliveryRun("Failed", DateTimeOffset.UtcNow.AddHours(1)));
        }
    }

    /// <summary>Counts what is read from the store, and how often from the first event.</summary>
    private sealed class CountingStore(IEventStore inner) : IEventStore
    {
        private int readsFromStart;
        private int eventsRead;

        public int ReadsFromStart => Volatile.Read(ref readsFromStart);
        public int EventsRead => Volatile.Read(ref eventsRead);

        public Task<AppendResult> AppendAsync(string stream, ExpectedRevision expected, IReadOnlyList<EventData> events, CancellationToken cancellationToken = default) =>
            inner.AppendAsync(stream, expected, events, cancellationToken);

        public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string stream, long fromRevision = 0, ReadDirection direction = ReadDirection.Forwards, long maxCount = long.MaxValue, CancellationToken cancellationToken = default) =>
            Counted(inner.ReadStreamAsync(stream, fromRevision, direction, maxCount, cancellationToken), cancellationToken);

        public IAsyncEnumerable<RecordedEvent> ReadAllAsync(long afterPosition = GlobalPosition.Start, StreamFilter? filter = null, long maxCount = long.MaxValue, CancellationToken cancellationToken = default)
        {
            if (afterPosition == GlobalPosition.Start) Interlocked.Increment(ref readsFromStart);
            return Counted(inner.ReadAllAsync(afterPosition, filter, maxCount, cancellationToken), cancellationToken);
        }

        public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(long afterPosition = GlobalPosition.Start, StreamFilter? filter = null, CancellationToken cancellationToken = default)
        {
            if (afterPosition == GlobalPosition.Start) Interlocked.Increment(ref readsFromStart);
            return Counted(inner.SubscribeToAllAsync(afterPosition, filter, cancellationToken), cancellationToken);
        }

        public Task<long?> GetStreamRevisionAsync(string stream, CancellationToken cancellationToken = default) => inner.GetStreamRevisionAsync(stream, cancellationToken);

        public Task<long> GetLastPositionAsync(CancellationToken cancellationToken = default) => inner.GetLastPositionAsync(cancellationToken);

        private async IAsyncEnumerable<RecordedEvent> Counted(IAsyncEnumerable<RecordedEvent> records, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var record in records.WithCancellation(cancellationToken))
            {
                Interlocked.Increment(ref eventsRead);
                yield return record;
            }
        }
    }

    private sealed class FailingSave(int failAt) : IRestorableProjection
    {
        private int saves;

        public bool Failed { get; private set; }
        public string StateName => "failing-save";

        public void Apply(ProjectedEvent e)
        {
        }

        public string? SaveIncident(Guid incidentId)
        {
            if (++saves != failAt) return "{}";
            Failed = true;
            throw new IOException("Disk full (simulated) while writing a batch.");
        }

        public void RestoreIncident(Guid incidentId, string state)
        {
        }

        public void Clear()
        {
        }
    }

    private sealed class FixedOptions(ChannelsOptions value) : IOptionsMonitor<ChannelsOptions>
    {
        public ChannelsOptions CurrentValue => value;
        public ChannelsOptions Get(string? name) => value;
        public IDisposable? OnChange(Action<ChannelsOptions, string?> listener) => null;
    }
}
