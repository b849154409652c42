using System.Net;
using System.Text.Json;
using CrisisCenter.Cluster.Tests.Hosting;
using CrisisCenter.Cluster.Tests.Support;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Cluster.Tests.Concurrency;

/// <summary>
/// The approval policy under a burst through both nodes: a Severe incident's statement needs two distinct approvers
/// (four eyes; nobody counts twice), so out of 50 simultaneous approvals of one revision exactly two are recorded.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ParallelApprovalTests(ThreeNodeClusterFixture fixture, ITestOutputHelper output) : IClassFixture<ThreeNodeClusterFixture>
{
    private const int Approvals = 50;
    private const int Approvers = 5;
    private const int RequiredForSevere = 2;

    [SkippableFact]
    public async Task fifty_parallel_approvals_of_one_revision_record_exactly_the_two_distinct_approvals_a_severe_incident_requires()
    {
        Skip.If(RedisServer.Binary is null, RedisServer.MissingReason);
        var budget = new TestBudget(TimeSpan.FromSeconds(150), output);
        var nodes = new[] { fixture.NodeA, fixture.NodeB };

        budget.Phase($"{Approvers} approvers of MES; a Severe incident with a statement in review");
        var approvers = await budget.Within(fixture.ApproversAsync(Approvers), "creating the approvers");
        using var press = await budget.Within(ApiUser.SignInAsync(fixture.NodeA, ThreeNodeClusterFixture.PressOfficer), "signing in");
        var declared = await press.SendAsync(fixture.NodeB, "/api/incidents", Incidents.Declaration("Approvals " + Guid.NewGuid().ToString("N")[..6], severity: "Severe"), "declare-" + Guid.NewGuid());
        declared.IsSuccess.Should().BeTrue(declared.ToString());
        var incidentId = declared.Body!.Value.GetProperty("incidentId").GetGuid();
        var drafted = await press.SendAsync(fixture.NodeA, $"/api/incidents/{incidentId:D}/statements", Statement(), "draft-1");
        drafted.IsSuccess.Should().BeTrue(drafted.ToString());
        var statementId = drafted.Body!.Value.GetProperty("id").GetGuid();
        var submitted = await press.SendAsync(fixture.NodeB, $"/api/incidents/{incidentId:D}/statements/{statementId:D}/submit", new { revision = 1 }, "submit-1");
        submitted.IsSuccess.Should().BeTrue(submitted.ToString());
        var hash = await budget.Within(ContentHashAsync(press, fixture.NodeA, incidentId, statementId, budget), "reading the revision's content hash");

        budget.Phase($"{Approvals} approvals at once, {Approvals / Approvers} per approver, alternating nodes");
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sending = Enumerable.Range(0, Approvals).Select(async i =>
        {
            await start.Task;
            var approver = approvers[i % Approvers];
            var answer = await approver.SendAsync(nodes[i % 2], $"/api/incidents/{incidentId:D}/statements/{statementId:D}/approve",
                new { revision = 1, contentHash = hash }, $"approve-{i:D2}");
            return (Approver: approver.User.UserName, Answer: answer);
        }).ToList();
        start.SetResult();
        var answers = await budget.Within(Task.WhenAll(sending), "the approvals");
        foreach (var group in answers.GroupBy(a => $"{(a.Answer.Status is { } s ? (int)s : 0)} {a.Answer.Code}").OrderBy(g => g.Key))
            output.WriteLine($"  {group.Key}: {group.Count()}");
        output.WriteLine($"  answered in {budget.PhaseElapsed.TotalSeconds:F1} s");

        answers.Where(a => a.Answer.Status is null || (int)a.Answer.Status >= 500).Should().BeEmpty("a refused approval is the domain's answer, never a server error");
        var accepted = answers.Where(a => a.Answer.IsSuccess).ToList();
        accepted.Should().HaveCount(RequiredForSevere, "a Severe incident's statement takes exactly two approvals; further ones find it approved");
        accepted.Select(a => a.Approver).Should().OnlyHaveUniqueItems("an approver counts once (four eyes)");
        answers.Where(a => !a.Answer.IsSuccess).Should().OnlyContain(
            a => a.Answer.Status == HttpStatusCode.Conflict && (a.Answer.Code == "approval.duplicate" || a.Answer.Code == "statement.not_in_review"),
            "the others are refused with 409: the same approver again (approval.duplicate) or the statement already approved (statement.not_in_review)");

        var stored = (await StoreFile.ReadAllAsync(fixture.Cluster!.StoreFile))
            .Where(e => e.Stream == StoreFile.IncidentStream(incidentId) && e.Type == "statement.approved.v1").ToList();
        stored.Should().HaveCount(RequiredForSevere, "exactly the policy's number of approvals is in the store");
        stored.Select(e => Approver(e.Data)).Should().BeEquivalentTo(accepted.Select(a => UserIdOf(a.Approver, approvers)));
        stored.Select(e => e.Position).Should().BeEquivalentTo(accepted.Select(a => a.Answer.Position), "each accepted answer names its stored approval");
    }

    private static object Statement() => new
    {
        kind = "Holding",
        content = new Dictionary<string, object>
        {
            ["kk"] = new { headline = "Сел қаупі", body = "Өзен арналарынан алыс болыңыз." },
            ["ru"] = new { headline = "Угроза селя", body = "Держитесь подальше от русел рек." },
        },
    };

    /// <summary>The hash an approval must name, from a node's read model (it may lag the append by a moment).</summary>
    private static async Task<string> ContentHashAsync(ApiUser user, E2E.Hosting.RunningApp node, Guid incidentId, Guid statementId, TestBudget budget)
    {
        while (true)
        {
            try
            {
                var statement = await user.GetAsync(node, $"/api/incidents/{incidentId:D}/statements/{statementId:D}");
                if (statement.GetProperty("status").GetString() == "InReview")
                    return statement.GetProperty("revisions")[0].GetProperty("contentHash").GetString()!;
            }
            catch (InvalidOperationException) when (budget.Left > TimeSpan.Zero)
            {
                // 404 until the node's read model has the statement
            }
            if (budget.Left <= TimeSpan.Zero) throw new TimeoutException("The statement never showed as InReview.");
            await Task.Delay(100);
        }
    }

    /// <summary>StatementApproved's "by": the approver's user id.</summary>
    private static string? Approver(string data)
    {
        using var json = JsonDocument.Parse(data);
        return json.RootElement.EnumerateObject().FirstOrDefault(p => p.Name.Equals("by", StringComparison.OrdinalIgnoreCase)).Value.GetString();
    }

    private static string UserIdOf(string userName, IReadOnlyList<ApiUser> approvers) =>
        approvers.First(a => a.User.UserName == userName).UserId;
}
