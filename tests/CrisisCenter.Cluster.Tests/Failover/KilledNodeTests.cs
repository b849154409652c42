using System.Globalization;
using System.Text;
using CrisisCenter.Cluster.Tests.Hosting;
using CrisisCenter.Cluster.Tests.Support;
using CrisisCenter.E2E.Hosting;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Cluster.Tests.Failover;

/// <summary>
/// Two nodes under load, one of them killed with SIGKILL: no acknowledged command is lost or doubled, every dashboard
/// ends with exactly the store's timeline, and the dead node's incidents come back on the survivor.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class KilledNodeTests(ITestOutputHelper output)
{
    private const int IncidentCount = 200;
    private const int FollowersPerNode = 100;
    private const int IncidentsPerFollower = 2;
    private const int Workers = 12;
    private const int AcknowledgedBeforeKill = 300;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(170);
    private static readonly TimeSpan CheckReserve = TimeSpan.FromSeconds(25);

    private static readonly TestUser PressOfficer = new("press.cluster", "Dana Abenova", "PressOfficer", "MES");

    [SkippableFact]
    public async Task a_node_killed_mid_load_loses_no_acknowledged_command_and_no_dashboard_misses_or_repeats_an_event()
    {
        Skip.If(RedisServer.Binary is null, RedisServer.MissingReason);
        var budget = new TestBudget(Budget, output);

        budget.Phase("starting redis-server and two nodes on one SQLite file");
        await using var cluster = await budget.Within(ClusterUnderTest.StartAsync(2, [PressOfficer]), "the cluster's start");
        var (survivor, victim) = (cluster.Nodes[0], cluster.Nodes[1]);
        output.WriteLine($"  node start times: {string.Join(", ", cluster.StartTimes.Select(Seconds))}; victim pid {victim.ProcessId}");
        try
        {
            await RunAsync(cluster, survivor, victim, budget);
        }
        catch
        {
            output.WriteLine(Tail(cluster.Output(), 6000));
            throw;
        }
    }

    private async Task RunAsync(ClusterUnderTest cluster, RunningApp survivor, RunningApp victim, TestBudget budget)
    {
        using var user = await budget.Within(ApiUser.SignInAsync(survivor, PressOfficer), "signing in");

        budget.Phase($"declaring {IncidentCount} incidents through both nodes");
        var incidents = await budget.Within(Incidents.DeclareAsync(user, cluster.Nodes, IncidentCount, "Failover"), "declaring the incidents");
        output.WriteLine($"  {IncidentCount} incidents in {Seconds(budget.PhaseElapsed)}");

        budget.Phase($"connecting {FollowersPerNode} timeline followers to each node, {IncidentsPerFollower} incidents each, from position 0");
        var followers = await budget.Within(ConnectFollowersAsync(cluster.Nodes, incidents, user.Token), "connecting the followers");
        await using var _ = new Disposer(followers);
        var victimsFollowers = followers.Where(f => f.Node == victim).ToList();

        budget.Phase($"command load: {Workers} workers, situation updates round-robin over both nodes");
        var load = new CommandLoad(user, incidents, budget, CheckReserve);
        load.SendTo([survivor, victim]);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(Workers, stop.Token);
        await budget.WaitUntilAsync(() => load.AcknowledgedCount >= AcknowledgedBeforeKill || running.IsCompleted,
            $"{AcknowledgedBeforeKill} acknowledged commands before the kill", () => $"{load.AcknowledgedCount} acknowledged");
        var beforeKill = budget.PhaseElapsed;
        output.WriteLine($"  {load.AcknowledgedCount} acknowledged in {Seconds(beforeKill)} ({load.AcknowledgedCount / beforeKill.TotalSeconds:F0} commands/s over both nodes)");

        budget.Phase($"kill -9 of node {victim.BaseAddress} (pid {victim.ProcessId}) mid-load");
        load.SendTo([survivor]);
        var killedAt = budget.Elapsed;
        await victim.KillAsync();
        await budget.WaitUntilAsync(
            () => running.IsCompleted || incidents.All(id => load.Sent.Any(c => c.IncidentId == id && c.Attempts.Any(a => a.Started > killedAt && a.Answer.IsSuccess))),
            "every incident to accept a command sent after the kill",
            () => $"{incidents.Count(id => load.Sent.Any(c => c.IncidentId == id && c.Attempts.Any(a => a.Started > killedAt && a.Answer.IsSuccess)))} of {IncidentCount} did");
        await stop.CancelAsync();
        await budget.Within(running, "the last commands in flight");

        var sent = load.Sent.ToList();
        var unavailable = PrintFailover(sent, incidents, killedAt);
        sent.Where(c => c.Refused is not null).Should().BeEmpty("no command of this load breaks a rule: each is a plain situation update");
        sent.Where(c => c.Acknowledged is null).Select(c => $"{c.IdempotencyKey}: {string.Join(" | ", c.Attempts.Select(a => a.Answer))}")
            .Should().BeEmpty("every command was retried with its Idempotency-Key until the survivor acknowledged it (within the budget)");

        budget.Phase("checking the SQLite file: every acknowledged command's event exactly once");
        var stored = await StoreFile.ReadAllAsync(cluster.StoreFile);
        var streams = StoreFile.ByIncident(stored);
        AssertEveryAcknowledgedCommandStoredOnce(sent, stored);
        AssertStreamsAreWhole(streams, incidents, sent.Count);

        budget.Phase("waiting until every follower has its incidents' whole timeline");
        await budget.WaitUntilAsync(
            () => followers.All(f => f.Incidents.All(id => f.Received(id).Count >= streams[id].Count) || f.Failure is not null),
            "every follower to catch up with the store",
            () => FollowerLag(followers, streams));
        AssertFollowersSawTheStore(followers, streams);
        unavailable.Should().BePositive("the killed node hosted some of the busy incidents' grains, so commands to them failed until they reactivated on the survivor");
        victimsFollowers.Should().OnlyContain(f => f.Node == survivor && f.Reconnects >= 1,
            "the dead node's followers reconnected to the survivor and resumed there");
        output.WriteLine($"  {followers.Count} followers ({victimsFollowers.Count} moved to the survivor) hold exactly the store's {streams.Values.Sum(s => s.Count)} events of their incidents, gap-free and duplicate-free, after {Seconds(budget.PhaseElapsed)}");
        output.WriteLine($"  whole test: {Seconds(budget.Elapsed)}");
    }

    private static async Task<List<TimelineFollower>> ConnectFollowersAsync(IReadOnlyList<RunningApp> nodes, IReadOnlyList<Guid> incidents, string token)
    {
        var followers = new List<TimelineFollower>();
        using var gate = new SemaphoreSlim(16);
        var connecting = nodes.SelectMany(node => Enumerable.Range(0, FollowersPerNode).Select(async k =>
        {
            var followed = Enumerable.Range(0, IncidentsPerFollower).Select(j => incidents[(k * IncidentsPerFollower + j) % incidents.Count]).ToList();
            await gate.WaitAsync();
            try
            {
                var follower = await TimelineFollower.StartAsync(node, nodes, followed, token);
                lock (followers) followers.Add(follower);
            }
            finally
            {
                gate.Release();
            }
        }));
        try
        {
            await Task.WhenAll(connecting);
        }
        catch
        {
            foreach (var follower in followers) await follower.DisposeAsync();
            throw;
        }
        return followers;
    }

    /// <summary>Prints the failover figures; returns how many incidents were unavailable after the kill.</summary>
    private int PrintFailover(List<SentCommand> sent, IReadOnlyList<Guid> incidents, TimeSpan killedAt)
    {
        var retried = sent.Where(c => c.WasRetried).ToList();
        var answeredDuplicate = retried.Count(c => c.Acknowledged?.Answer.Duplicate == true);
        // Incidents whose commands sent after the kill failed at first: their grain (or its directory entry) was on the
        // dead node. How long from the kill until each accepted a command again:
        var recoveries = incidents
            .Select(id => sent.Where(c => c.IncidentId == id).SelectMany(c => c.Attempts).Where(a => a.Started > killedAt).OrderBy(a => a.Started).ToList())
            .Where(attempts => attempts.Any(a => !a.Answer.IsSuccess))
            .Select(attempts => attempts.First(a => a.Answer.IsSuccess).Ended - killedAt)
            .Order()
            .ToList();
        output.WriteLine($"  commands: {sent.Count} sent, {sent.Count(c => c.Acknowledged is not null)} acknowledged, {retried.Count} retried with their Idempotency-Key ({answeredDuplicate} of them answered as duplicates: stored by the dead node before it could answer)");
        output.WriteLine($"  failed attempts: {string.Join(", ", sent.SelectMany(c => c.Attempts).Where(a => !a.Answer.IsSuccess).GroupBy(a => a.Answer.Status is { } s ? ((int)s).ToString(CultureInfo.InvariantCulture) : "no answer").Select(g => $"{g.Key} x{g.Count()}"))}");
        foreach (var failure in sent.SelectMany(c => c.Attempts).Where(a => !a.Answer.IsSuccess).Select(a => Shorten(a.Answer.ToString(), 300)).Distinct().Take(3))
            output.WriteLine($"    e.g. {failure}");
        // Every command sent after the kill, from its first attempt to its acknowledgement (retries included).
        var afterKill = sent.Where(c => c.Attempts.Count > 0 && c.Attempts[0].Started > killedAt && c.Acknowledged is not null)
            .Select(c => c.Acknowledged!.Ended - c.Attempts[0].Started).Order().ToList();
        if (afterKill.Count > 0)
            output.WriteLine($"  commands sent after the kill: {afterKill.Count}, acknowledged after median {Seconds(afterKill[afterKill.Count / 2])}, slowest {Seconds(afterKill[^1])} (retries included)");
        if (recoveries.Count == 0)
        {
            output.WriteLine("  FAILOVER: no incident's command failed after the kill");
            return 0;
        }
        output.WriteLine($"  FAILOVER: {recoveries.Count} incidents were unavailable after the kill; commands to them succeeded again after median {Seconds(recoveries[recoveries.Count / 2])}, max {Seconds(recoveries[^1])} (from the kill)");
        return recoveries.Count;
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "...";

    private static void AssertEveryAcknowledgedCommandStoredOnce(List<SentCommand> sent, IReadOnlyList<StoredEvent> stored)
    {
        var byKey = stored.Where(e => e.Type.StartsWith("situation_update.logged", StringComparison.Ordinal))
            .Select(e => (Event: e, Key: KeyIn(e.Data)))
            .Where(x => x.Key is not null)
            .ToLookup(x => x.Key!, x => x.Event);
        var problems = new List<string>();
        foreach (var command in sent.Where(c => c.Acknowledged is not null))
        {
            var events = byKey[command.IdempotencyKey].ToList();
            var ack = command.Acknowledged!.Answer;
            if (events.Count != 1)
                problems.Add($"{command.IdempotencyKey} (attempts {command.Attempts.Count}) is stored {events.Count} times");
            else if (events[0].Position != ack.Position || events[0].Stream != StoreFile.IncidentStream(command.IncidentId))
                problems.Add($"{command.IdempotencyKey} was acknowledged at position {ack.Position} but is stored at {events[0].Position} in {events[0].Stream}");
        }
        problems.Should().BeEmpty("every acknowledged command's event is in the store exactly once, where its answer said");
        byKey.Count.Should().Be(sent.Count, "nothing but the acknowledged commands was stored");
    }

    private static void AssertStreamsAreWhole(Dictionary<Guid, List<StoredEvent>> streams, IReadOnlyList<Guid> incidents, int commandCount)
    {
        streams.Keys.Should().BeEquivalentTo(incidents);
        foreach (var (id, events) in streams)
        {
            events.Select(e => e.Revision).Should().Equal(Enumerable.Range(0, events.Count).Select(r => (long)r), "incident {0}'s revisions have no gap", id);
            events.Select(e => e.Position).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        }
        streams.Values.Sum(s => s.Count).Should().Be(incidents.Count + commandCount, "one declaration per incident and one event per command");
    }

    private static void AssertFollowersSawTheStore(List<TimelineFollower> followers, Dictionary<Guid, List<StoredEvent>> streams)
    {
        followers.Where(f => f.Failure is not null).Select(f => f.Failure).Should().BeEmpty("every follower whose node died reconnected");
        var problems = new List<string>();
        foreach (var follower in followers)
        {
            foreach (var id in follower.Incidents)
            {
                var seen = follower.Received(id).Select(m => (m.Position, m.EventId)).ToList();
                var expected = streams[id].Select(e => (e.Position, e.EventId)).ToList();
                if (!seen.SequenceEqual(expected))
                    problems.Add($"follower of {id} (reconnects {follower.Reconnects}) saw positions [{string.Join(",", seen.Select(s => s.Position))}], store has [{string.Join(",", expected.Select(e => e.Position))}]");
            }
        }
        problems.Take(10).Should().BeEmpty("each follower sees every event of its incidents once, in store order ({0} mismatches)", problems.Count);
    }

    private static string FollowerLag(List<TimelineFollower> followers, Dictionary<Guid, List<StoredEvent>> streams)
    {
        var behind = followers.Where(f => f.Incidents.Any(id => f.Received(id).Count < streams[id].Count)).ToList();
        return $"{behind.Count} followers behind, e.g. " + string.Join("; ", behind.Take(3).Select(f =>
            $"on {f.Node?.BaseAddress.ToString() ?? "no node"} reconnects {f.Reconnects} failure {f.Failure}: " +
            string.Join(", ", f.Incidents.Select(id => $"{f.Received(id).Count}/{streams[id].Count}"))));
    }

    private static string? KeyIn(string data)
    {
        const string marker = "Field report ";
        var start = data.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0) return null;
        start += marker.Length;
        var end = data.IndexOf(':', start);
        return end < 0 ? null : data[start..end];
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s";

    private static string Tail(string text, int length) => text.Length <= length ? text : "..." + text[^length..];

    private sealed class Disposer(List<TimelineFollower> followers) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Task.WhenAll(followers.Select(f => f.DisposeAsync().AsTask()));
        }
    }
}
