using System.Diagnostics;
using CrisisCenter.E2E.Hosting;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Cluster.Tests.Hosting;

/// <summary>
/// A real CrisisCenter cluster on this machine: a throw-away redis-server holding the Orleans membership table, and app
/// processes (`dotnet crisiscenter.dll`) on loopback ports that share one data directory, so one SQLite file in WAL
/// mode. Every node is a web server and a silo of the same ClusterId. Disposing stops every node and Redis and deletes
/// the data directory.
/// </summary>
public sealed class ClusterUnderTest : IAsyncDisposable
{
    private readonly List<RunningApp> _nodes = [];
    private readonly Dictionary<string, string> _settings;

    private ClusterUnderTest(RedisServer redis, string dataDirectory)
    {
        Redis = redis;
        DataDirectory = dataDirectory;
        _settings = new Dictionary<string, string>
        {
            ["Orleans__ClusteringMode"] = "Redis",
            ["Orleans__Redis"] = redis.ConfigurationString,
            ["Orleans__AdvertisedIP"] = "127.0.0.1",
            ["Orleans__ClusterId"] = "cluster-tests-" + Guid.NewGuid().ToString("N")[..8],
            // Failure detection shortened for a bounded test (see README): a silent silo is suspected after 3 missed
            // probes of 2 s; with two silos the survivor's vote is the only one there can be.
            ["Orleans__Liveness__ProbeTimeout"] = "00:00:02",
            ["Orleans__Liveness__NumMissedProbesLimit"] = "3",
            ["Orleans__Liveness__NumVotesForDeathDeclaration"] = "1",
            ["Orleans__Liveness__TableRefreshTimeout"] = "00:00:02",
            // The tests drive far more commands per user than a press office; the limits themselves are tested elsewhere.
            ["RateLimits__CommandsPerMinute"] = "1000000",
            ["RateLimits__SignInsPerMinute"] = "10000",
        };
    }

    public RedisServer Redis { get; }

    public string DataDirectory { get; }

    /// <summary>The SQLite file every node appends to.</summary>
    public string StoreFile => Path.Combine(DataDirectory, "crisiscenter.db");

    public IReadOnlyList<RunningApp> Nodes => _nodes;

    /// <summary>Starts Redis, creates <paramref name="users"/> with the app's `users add` verb, then starts
    /// <paramref name="nodeCount"/> nodes side by side.</summary>
    public static async Task<ClusterUnderTest> StartAsync(int nodeCount, IReadOnlyList<TestUser> users)
    {
        if (RedisServer.Binary is null) throw new InvalidOperationException(RedisServer.MissingReason);
        var redis = await RedisServer.StartAsync();
        var cluster = new ClusterUnderTest(redis, Directory.CreateTempSubdirectory("crisiscenter-cluster-").FullName);
        try
        {
            var first = cluster.NewNode();
            foreach (var user in users)
                await RunningApp.AddUserAsync(first, user);
            await Task.WhenAll(Enumerable.Range(0, nodeCount).Select(i => cluster.StartNodeAsync(i == 0 ? first : cluster.NewNode())));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>One more node joins the cluster (a membership change while the others serve).</summary>
    public Task<RunningApp> AddNodeAsync() => StartNodeAsync(NewNode());

    /// <summary>What every node printed, for a failure message.</summary>
    public string Output() => string.Join("\n", _nodes.Select(n => $"--- node {n.BaseAddress} (pid {SafePid(n)}) ---\n{n.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
            await node.DisposeAsync();
        await Redis.DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open by a node the OS has not reaped yet: the temporary directory stays
        }
    }

    private AppNode NewNode() => AppNode.Create(DataDirectory) with { Settings = _settings };

    private async Task<RunningApp> StartNodeAsync(AppNode node)
    {
        var clock = Stopwatch.StartNew();
        var app = await RunningApp.StartAsync(node, ownsData: false);
        lock (_nodes)
        {
            _nodes.Add(app);
            StartTimes.Add(clock.Elapsed);
        }
        return app;
    }

    /// <summary>How long each node took from process start to ready (printed by the tests).</summary>
    public List<TimeSpan> StartTimes { get; } = [];

    private static string SafePid(RunningApp node)
    {
        try
        {
            return node.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "gone";
        }
    }
}
