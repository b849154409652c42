using System.Collections.Concurrent;
using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Application.Tests.Support;

/// <summary>A started <see cref="ProjectionHost"/> over a store, with its read models and a recording listener.</summary>
public sealed class RunningProjections : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private RunningProjections(IEventStore store, IEnumerable<IProjection> extraProjections, IEnumerable<ITimelineListener> extraListeners)
    {
        var options = Options.Create(new ProjectionHostOptions { InitialRetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(200) });
        Host = new ProjectionHost(
            store, Timeline, [Board, Approvals, Kpis, .. extraProjections], [Listener, .. extraListeners],
            NullLogger<ProjectionHost>.Instance, options);
    }

    public IncidentBoard Board { get; } = new();
    public ApprovalQueue Approvals { get; } = new(IncidentPolicy.Default);
    public IncidentKpis Kpis { get; } = new();
    public IncidentTimeline Timeline { get; } = new();
    public RecordingListener Listener { get; } = new();
    public ProjectionHost Host { get; }

    public static async Task<RunningProjections> StartAsync(
        IEventStore store, IEnumerable<IProjection>? extraProjections = null, IEnumerable<ITimelineListener>? extraListeners = null)
    {
        var running = new RunningProjections(store, extraProjections ?? [], extraListeners ?? []);
        await running.Host.StartAsync(CancellationToken.None);
        return running;
    }

    public Task CaughtUp() => Host.WaitUntilCaughtUpAsync().WaitAsync(Patience);

    public Task Reached(long position) => Host.WaitForPositionAsync(position).WaitAsync(Patience);

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(CancellationToken.None);
        Host.Dispose();
    }

    public sealed class RecordingListener : ITimelineListener
    {
        private readonly ConcurrentQueue<(TimelineEntry Entry, bool IsLive)> _received = new();

        public IReadOnlyList<(TimelineEntry Entry, bool IsLive)> Received => [.. _received];

        public void OnApplied(TimelineEntry entry, bool isLive) => _received.Enqueue((entry, isLive));
    }
}
