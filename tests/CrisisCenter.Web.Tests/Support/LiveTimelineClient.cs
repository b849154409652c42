using CrisisCenter.Application.Projections;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.LiveTimeline;
using CrisisCenter.Web.Tests.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Web.Tests.Support;

/// <summary>The real SignalR client on a WebSocket to one node's timeline hub, recording every message it gets.</summary>
public sealed class LiveTimelineClient : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly Lock _gate = new();
    private readonly List<TimelineEntry> _entries = [];
    private readonly List<IncidentSummary> _board = [];
    private TaskCompletionSource _changed = NewSignal();

    private LiveTimelineClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<TimelineEntry>(TimelineHubContract.TimelineMethod, entry => Record(() => _entries.Add(entry)));
        connection.On<IncidentSummary>(TimelineHubContract.BoardMethod, summary => Record(() => _board.Add(summary)));
    }

    public HubConnection Connection { get; }

    public IReadOnlyList<TimelineEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public IReadOnlyList<IncidentSummary> Board
    {
        get
        {
            lock (_gate)
            {
                return [.. _board];
            }
        }
    }

    public static Uri HubAddress(CrisisCenterApp app) => new(app.BaseAddress, TimelineHubContract.Route);

    public static async Task<LiveTimelineClient> ConnectAsync(CrisisCenterApp app, string? token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(HubAddress(app), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                if (token is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                }
            })
            .AddJsonProtocol(json => ApiJson.Configure(json.PayloadSerializerOptions))
            .Build();
        var client = new LiveTimelineClient(connection);
        using var timeout = new CancellationTokenSource(Patience);
        await connection.StartAsync(timeout.Token);
        return client;
    }

    public Task JoinIncidentAsync(Guid incidentId, long? afterPosition = null) =>
        Connection.InvokeAsync(nameof(TimelineHub.JoinIncident), incidentId, afterPosition);

    public Task JoinBoardAsync(long? afterPosition = null) => Connection.InvokeAsync(nameof(TimelineHub.JoinBoard), afterPosition);

    public Task JoinRegionAsync(string regionCode) => Connection.InvokeAsync(nameof(TimelineHub.JoinRegion), regionCode);

    public Task JoinAgencyAsync(string agencyCode) => Connection.InvokeAsync(nameof(TimelineHub.JoinAgency), agencyCode);

    /// <summary>Waits until the recorded entries satisfy <paramref name="done"/>; fails the test after <see cref="Patience"/>.</summary>
    public Task<IReadOnlyList<TimelineEntry>> WaitForEntriesAsync(Func<IReadOnlyList<TimelineEntry>, bool> done, string because) =>
        WaitAsync(() => Entries, done, because);

    public Task<IReadOnlyList<TimelineEntry>> WaitForEntryCountAsync(int count) =>
        WaitForEntriesAsync(entries => entries.Count >= count, $"{count} timeline entries");

    public Task<IReadOnlyList<IncidentSummary>> WaitForBoardAsync(Func<IReadOnlyList<IncidentSummary>, bool> done, string because) =>
        WaitAsync(() => Board, done, because);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    private async Task<IReadOnlyList<T>> WaitAsync<T>(Func<IReadOnlyList<T>> read, Func<IReadOnlyList<T>, bool> done, string because)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task; // taken before reading, so a message arriving after the read wakes us
            }

            var seen = read();
            if (done(seen))
            {
                return seen;
            }

            var left = deadline - DateTimeOffset.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"Waited {Patience.TotalSeconds} s for {because}; got {seen.Count} messages.");
            }

            await Task.WhenAny(changed, Task.Delay(left));
        }
    }

    private void Record(Action add)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            add();
            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
