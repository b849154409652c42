using CrisisCenter.E2E.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrisisCenter.Cluster.Tests.Support;

/// <summary>One <c>timeline(entry)</c> message as a dashboard sees it (the fields this test checks).</summary>
public sealed record TimelineMessage(long Position, Guid IncidentId, long Revision, Guid EventId, string Type);

/// <summary>
/// A dashboard following some incidents on the live timeline hub (/hubs/timeline) with the real SignalR client, the
/// way the hub's contract asks: join each incident after the last position seen (0 at first: everything), and when
/// the connection closes, connect again - to another node if its own is gone - and join again after the last position
/// seen per incident. Records every message it receives, duplicates and all, so the test can check them.
/// </summary>
public sealed class TimelineFollower : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ReconnectPatience = TimeSpan.FromSeconds(60);

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, List<TimelineMessage>> _received = [];
    private readonly IReadOnlyList<RunningApp> _nodes;
    private readonly string _token;
    private readonly CancellationTokenSource _disposing = new();
    private HubConnection? _connection;
    private Task _reconnecting = Task.CompletedTask;

    private TimelineFollower(IReadOnlyList<Guid> incidents, IReadOnlyList<RunningApp> nodes, string token)
    {
        Incidents = incidents;
        _nodes = nodes;
        _token = token;
        foreach (var incident in incidents) _received[incident] = [];
    }

    public IReadOnlyList<Guid> Incidents { get; }

    /// <summary>The node the follower is connected to now.</summary>
    public RunningApp? Node { get; private set; }

    public int Reconnects { get; private set; }

    /// <summary>Why the last reconnect gave up, if it did.</summary>
    public string? Failure { get; private set; }

    /// <summary>Connects to <paramref name="node"/> and joins every incident from position 0; on a closed
    /// connection it moves to the first other node of <paramref name="nodes"/> that accepts it.</summary>
    public static async Task<TimelineFollower> StartAsync(RunningApp node, IReadOnlyList<RunningApp> nodes, IReadOnlyList<Guid> incidents, string token)
    {
        var follower = new TimelineFollower(incidents, nodes, token);
        await follower.ConnectAsync(node);
        return follower;
    }

    /// <summary>Every message received for <paramref name="incidentId"/>, in arrival order.</summary>
    public IReadOnlyList<TimelineMessage> Received(Guid incidentId)
    {
        lock (_gate) return [.. _received[incidentId]];
    }

    private long LastPosition(Guid incidentId)
    {
        lock (_gate) return _received[incidentId] is { Count: > 0 } seen ? seen[^1].Position : 0;
    }

    private async Task ConnectAsync(RunningApp node)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(node.BaseAddress, "/hubs/timeline"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult<string?>(_token);
            })
            .Build();
        connection.On<TimelineMessage>("timeline", message =>
        {
            lock (_gate)
            {
                if (_received.TryGetValue(message.IncidentId, out var list)) list.Add(message);
            }
        });
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_disposing.Token);
            timeout.CancelAfter(ConnectTimeout);
            await connection.StartAsync(timeout.Token);
            foreach (var incident in Incidents)
                await connection.InvokeAsync("JoinIncident", incident, LastPosition(incident), timeout.Token);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        connection.Closed += _ =>
        {
            if (!_disposing.IsCancellationRequested) _reconnecting = Task.Run(() => ReconnectAsync(node));
            return Task.CompletedTask;
        };
        _connection = connection;
        Node = node;
    }

    /// <summary>Other nodes first (its own just closed the connection), then its own again, until one accepts.</summary>
    private async Task ReconnectAsync(RunningApp lost)
    {
        var old = _connection;
        if (old is not null) await old.DisposeAsync();
        Node = null;
        var candidates = _nodes.Where(n => n != lost).Append(lost).ToList();
        var deadline = DateTime.UtcNow + ReconnectPatience;
        var attempt = 0;
        while (!_disposing.IsCancellationRequested)
        {
            var node = candidates[attempt++ % candidates.Count];
            try
            {
                await ConnectAsync(node);
                Reconnects++;
                return;
            }
            catch (Exception e) when (!_disposing.IsCancellationRequested)
            {
                if (DateTime.UtcNow > deadline)
                {
                    Failure = $"Could not reconnect within {ReconnectPatience.TotalSeconds} s; last error from {node.BaseAddress}: {e.Message}";
                    return;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(250), _disposing.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposing.CancelAsync();
        await _reconnecting.ContinueWith(_ => { }, TaskScheduler.Default);
        if (_connection is not null) await _connection.DisposeAsync();
        _disposing.Dispose();
    }
}
