using CrisisCenter.LoadTest.Measuring;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrisisCenter.LoadTest.Target;

/// <summary>
/// N real SignalR clients on WebSockets to the timeline hub (/hubs/timeline), each following incidents with
/// <c>JoinIncident(incidentId, afterPosition)</c>. Every <c>timeline(entry)</c> whose text carries a probe stamp is
/// timed against the command's send time and counted once per client (a repeat counts as a duplicate).
/// </summary>
public sealed class DashboardFleet(Uri address, string token, Probe probe, PhaseBook phases) : IAsyncDisposable
{
    public const string HubRoute = "hubs/timeline";
    private readonly List<Dashboard> _clients = [];
    private long _disconnects;

    public int Count => _clients.Count;

    public long Disconnects => Interlocked.Read(ref _disconnects);

    /// <summary>Opens <paramref name="count"/> more connections, client i following <paramref name="follow"/>(i).</summary>
    public async Task ConnectAsync(int count, Func<int, Guid> follow, Action<int>? progress, CancellationToken cancellationToken)
    {
        var first = _clients.Count;
        var opened = new Dashboard[count];
        var done = 0;
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var client = await Dashboard.ConnectAsync(address, token, probe, phases, () => Interlocked.Increment(ref _disconnects), ct);
            await client.JoinAsync(follow(first + i), ct);
            opened[i] = client;
            progress?.Invoke(Interlocked.Increment(ref done));
        });
        _clients.AddRange(opened);
    }

    /// <summary>Every client also follows <paramref name="incidentId"/>.</summary>
    public Task JoinAllAsync(Guid incidentId, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(_clients, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (client, ct) => await client.JoinAsync(incidentId, ct));

    /// <summary>How many clients follow each incident.</summary>
    public IReadOnlyDictionary<Guid, int> Followers() =>
        _clients.SelectMany(c => c.Following).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());

    public async ValueTask DisposeAsync()
    {
        await Parallel.ForEachAsync(_clients, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (client, _) => await client.DisposeAsync());
        _clients.Clear();
    }

    private sealed class Dashboard : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly Probe _probe;
        private readonly PhaseBook _phases;
        private readonly HashSet<int> _seen = [];
        private readonly List<Guid> _following = [];

        private Dashboard(HubConnection connection, Probe probe, PhaseBook phases)
        {
            _connection = connection;
            _probe = probe;
            _phases = phases;
            connection.On<TimelineMessage>("timeline", OnTimeline);
        }

        public IReadOnlyList<Guid> Following => _following;

        public static async Task<Dashboard> ConnectAsync(Uri address, string token, Probe probe, PhaseBook phases, Action onClosed, CancellationToken cancellationToken)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(address, HubRoute), options =>
                {
                    options.Transports = HttpTransportType.WebSockets;
                    options.SkipNegotiation = true;
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                })
                .Build();
            connection.ServerTimeout = TimeSpan.FromMinutes(2);
            connection.Closed += _ =>
            {
                onClosed();
                return Task.CompletedTask;
            };
            var dashboard = new Dashboard(connection, probe, phases);
            await connection.StartAsync(cancellationToken);
            return dashboard;
        }

        public async Task JoinAsync(Guid incidentId, CancellationToken cancellationToken)
        {
            await _connection.InvokeAsync("JoinIncident", incidentId, (long?)null, cancellationToken);
            _following.Add(incidentId);
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();

        private void OnTimeline(TimelineMessage entry)
        {
            var received = Probe.Now;
            var sequence = Probe.Parse(entry.Summary);
            if (sequence < 0) return; // history and events the harness did not send
            var sent = _probe.SentAt(sequence);
            if (sent == 0 || _phases.Of(sequence) is not { } phase) return;
            bool duplicate;
            lock (_seen)
            {
                duplicate = !_seen.Add(sequence);
            }

            phase.Received(sent, received, duplicate);
        }
    }

    /// <summary>The fields of the hub's TimelineEntry the harness reads.</summary>
    private sealed record TimelineMessage(long Position, Guid IncidentId, string Type, string Summary);
}
