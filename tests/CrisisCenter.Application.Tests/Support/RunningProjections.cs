using System.Collections.Concurrent;
using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Application.Tests.Support;

/// <summary>A started <see cref="ProjectionHost"/> over a store, with its read models and a recording listener; in memory,
/// or on a read store file when one is given (as a web node runs).</summary>
public sealed class RunningProjections : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private RunningProjections(
        IEventStore store, IEnumerable<IProjection> extraProjections, IEnumerable<ITimelineListener> extraListeners, string? readStorePath, int batchSize)
    {
        var options = Options.Create(new ProjectionHostOptions { InitialRetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(200) });
        ReadStore = readStorePath is null ? null : Projections.ReadStore.Open(readStorePath, NullLogger.Instance);
        Timeline = ReadStore is null ? new IncidentTimeline() : new IncidentTimeline(ReadStore);
        Board = new IncidentBoard(ReadStore);
        Host = new ProjectionHost(
            store, Timeline, [Board, Approvals, Kpis, .. extraProjections], [Listener, .. extraListeners],
            Log, options, readStore: ReadStore,
            readStoreOptions: Options.Create(new ReadStoreOptions { Path = readStorePath, BatchSize = batchSize }));
    }

    public IncidentBoard Board { get; }
    public ApprovalQueue Approvals { get; } = new(IncidentPolicy.Default);
    public IncidentKpis Kpis { get; } = new();
    public IncidentTimeline Timeline { get; }
    public ReadStore? ReadStore { get; }
    public RecordingListener Listener { get; } = new();
    public RecordingLogger<ProjectionHost> Log { get; } = new();
    public ProjectionHost Host { get; }

    public static async Task<RunningProjections> StartAsync(
        IEventStore store, IEnumerable<IProjection>? extraProjections = null, IEnumerable<ITimelineListener>? extraListeners = null,
        string? readStorePath = null, int batchSize = 1000)
    {
        var running = new RunningProjections(store, extraProjections ?? [], extraListeners ?? [], readStorePath, batchSize);
        await running.Host.StartAsync(CancellationToken.None);
        return running;
    }

    public Task CaughtUp() => Host.WaitUntilCaughtUpAsync().WaitAsync(Patience).ContinueWith(t => { if (t.IsFaulted) throw new InvalidOperationException(string.Join(Environment.NewLine, Log.Lines), t.Exception); });

    public Task Reached(long position) => Host.WaitForPositionAsync(position).WaitAsync(Patience);

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(CancellationToken.None);
        Host.Dispose();
        ReadStore?.Dispose();
    }

    public sealed class RecordingListener : ITimelineListener
    {
        private readonly ConcurrentQueue<(TimelineEntry Entry, bool IsLive)> _received = new();

        public IReadOnlyList<(TimelineEntry Entry, bool IsLive)> Received => [.. _received];

        public void OnApplied(TimelineEntry entry, bool isLive) => _received.Enqueue((entry, isLive));
    }
}
