using System.Globalization;
using System.Net;
using CrisisCenter.Cluster.Tests.Hosting;
using CrisisCenter.Cluster.Tests.Support;
using CrisisCenter.E2E.Hosting;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Cluster.Tests.Concurrency;

/// <summary>
/// Writers on two nodes race on one incident, each with the revision it last saw (If-Match), while the third node of
/// the cluster - where the incident was declared - leaves gracefully (SIGTERM): its grains deactivate and the incident
/// reactivates on a remaining node mid-stream. A stale revision (409) is resolved the way a client should: take the
/// actual revision and send the same command (same Idempotency-Key) again. No acknowledged command may be lost.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MembershipChangeTests(ThreeNodeClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ThreeNodeClusterFixture>
{
    private const int WritersPerNode = 2;
    private const int AcknowledgedPerPhase = 20;

    [SkippableFact]
    public async Task commands_from_two_nodes_to_one_incident_while_a_node_leaves_the_cluster_lose_no_update()
    {
        Skip.If(RedisServer.Binary is null, RedisServer.MissingReason);
        var budget = new TestBudget(TimeSpan.FromSeconds(120), output);
        var cluster = fixture.Cluster!;
        var (nodeA, nodeB, nodeC) = (fixture.NodeA, fixture.NodeB, fixture.NodeC);
        using var press = await budget.Within(ApiUser.SignInAsync(nodeA, ThreeNodeClusterFixture.PressOfficer), "signing in");
        // Declared through the node that will leave, so the incident's grain likely lives there when it goes.
        var declared = await press.SendAsync(nodeC, "/api/incidents", Incidents.Declaration("Membership change " + Guid.NewGuid().ToString("N")[..6]), "declare-" + Guid.NewGuid());
        declared.IsSuccess.Should().BeTrue(declared.ToString());
        var incidentId = declared.Body!.Value.GetProperty("incidentId").GetGuid();
        var declaredRevision = declared.Body!.Value.GetProperty("revision").GetInt64();

        budget.Phase($"{WritersPerNode} writers on each of two nodes, one incident, If-Match with the last revision seen");
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 2 * WritersPerNode)
            .Select(w => new Writer(press, incidentId, w, w < WritersPerNode ? nodeA : nodeB, w < WritersPerNode ? nodeB : nodeA, declaredRevision, budget))
            .ToList();
        var running = Task.WhenAll(writers.Select(w => Task.Run(() => w.RunAsync(stop.Token))));
        int Acknowledged() => writers.Sum(w => w.Acknowledged.Count);
        Task Until(int count, string what) => budget.WaitUntilAsync(() => Acknowledged() >= count || running.IsCompleted, what, () => $"{Acknowledged()} acknowledged");

        await Until(AcknowledgedPerPhase, "the writers' first commands");
        budget.Phase($"node {nodeC.BaseAddress} leaves the cluster gracefully (SIGTERM) while the writers run");
        var before = Acknowledged();
        await budget.Within(nodeC.StopAsync(TimeSpan.FromSeconds(45)), "the node's graceful stop");
        output.WriteLine($"  left after {budget.PhaseElapsed.TotalSeconds:F1} s; {Acknowledged() - before} commands acknowledged meanwhile");
        await Until(Acknowledged() + AcknowledgedPerPhase, "commands after the node left");
        await stop.CancelAsync();
        await budget.Within(running, "the writers' last commands");

        var commands = writers.SelectMany(w => w.Commands).ToList();
        var answers = commands.SelectMany(c => c.Answers).ToList();
        var conflicts = answers.Count(a => a.Status == HttpStatusCode.Conflict);
        output.WriteLine($"  {commands.Count} commands, {commands.Count(c => c.Acknowledged is not null)} acknowledged; {conflicts} stale-revision conflicts resolved by retry; " +
                         $"{answers.Count(a => a.IsRetryable)} attempts without answer or 5xx retried; {commands.Count(c => c.Acknowledged?.Duplicate == true)} answered as duplicates");
        writers.Select(w => w.Failure).Where(f => f is not null).Should().BeEmpty("a writer only meets stale revisions (409) and, during the membership change, transient failures");
        commands.Where(c => c.Acknowledged is null).Select(c => c.Key).Should().BeEmpty("every command was retried until acknowledged");
        conflicts.Should().BePositive("writers on two nodes raced for one incident's revision (or the test proves nothing)");

        var stream = (await StoreFile.ReadAllAsync(cluster.StoreFile)).Where(e => e.Stream == StoreFile.IncidentStream(incidentId)).OrderBy(e => e.Revision).ToList();
        stream.Select(e => e.Revision).Should().Equal(Enumerable.Range(0, stream.Count).Select(r => (long)r), "the stream has no gap");
        var updates = stream.Where(e => e.Type == "situation_update.logged.v1").ToList();
        foreach (var command in commands)
        {
            updates.Where(e => e.Data.Contains(command.Text, StringComparison.Ordinal)).Select(e => e.Position)
                .Should().Equal([command.Acknowledged!.Position], "{0} is stored once, where its answer said", command.Key);
        }
        updates.Should().HaveCount(commands.Count, "nothing but the acknowledged commands was stored");
        output.WriteLine($"  whole test: {budget.Elapsed.TotalSeconds:F1} s");
    }

    private sealed class SentUpdate(string key)
    {
        public string Key { get; } = key;
        public string Text => $"Gauge reading {Key}.";
        public List<CommandAnswer> Answers { get; } = [];
        public CommandAnswer? Acknowledged => Answers.FirstOrDefault(a => a.IsSuccess);
    }

    /// <summary>Sends situation updates one after another, each with If-Match: the incident's revision as this writer
    /// last saw it. 409 → take the actual revision, send the same command again; no answer or 5xx → the same again
    /// (to the other node if its own does not answer).</summary>
    private sealed class Writer(ApiUser user, Guid incidentId, int number, RunningApp node, RunningApp fallback, long revision, TestBudget budget)
    {
        private readonly List<SentUpdate> _commands = [];
        private long _revision = revision;

        public IReadOnlyList<SentUpdate> Commands
        {
            get { lock (_commands) return [.. _commands]; }
        }

        public IReadOnlyList<SentUpdate> Acknowledged => Commands.Where(c => c.Acknowledged is not null).ToList();

        public string? Failure { get; private set; }

        public async Task RunAsync(CancellationToken stop)
        {
            for (var n = 0; !stop.IsCancellationRequested && Failure is null; n++)
            {
                var command = new SentUpdate($"writer{number}-{n:D4}");
                lock (_commands) _commands.Add(command);
                await DeliverAsync(command);
            }
        }

        private async Task DeliverAsync(SentUpdate command)
        {
            var body = new { text = command.Text, language = "en", source = "Kazhydromet", regionCode = "KZ-75", verified = true };
            var target = node;
            while (budget.Left > TimeSpan.Zero)
            {
                var answer = await user.SendAsync(target, $"/api/incidents/{incidentId:D}/updates", body, command.Key, ifMatch: _revision.ToString(CultureInfo.InvariantCulture));
                lock (_commands) command.Answers.Add(answer);
                if (answer.IsSuccess)
                {
                    _revision = answer.Body!.Value.GetProperty("revision").GetInt64();
                    return;
                }
                if (answer.Status == HttpStatusCode.Conflict && answer.Body is { } problem && problem.TryGetProperty("actualRevision", out var actual))
                {
                    _revision = actual.GetInt64();
                    continue;
                }
                if (!answer.IsRetryable)
                {
                    Failure = $"{command.Key}: {answer}";
                    return;
                }
                target = target == node ? fallback : node;
                await Task.Delay(100);
            }
        }
    }
}
