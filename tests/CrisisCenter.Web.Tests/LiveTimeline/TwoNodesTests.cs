using CrisisCenter.Web.Tests.Hosting;
using CrisisCenter.Web.Tests.Support;

namespace CrisisCenter.Web.Tests.LiveTimeline;

/// <summary>
/// Two web nodes on one SQLite file, no backplane: each node's projections tail the store (the SQLite store polls
/// the file for appends made by other instances) and each node's broadcaster pushes to its own connections. Each node
/// co-hosts a one-silo cluster of its own (own ports and cluster id), so an incident's grain may be active on both:
/// the grain's append with the expected revision keeps the stream consistent (a stale activation reloads and
/// retries). In the same collection as the other Kestrel tests so that at most a few hosts run at once.
/// </summary>
[Collection(LiveTimelineCollection.Name)]
public sealed class TwoNodesTests
{
    [Fact]
    public async Task a_command_sent_to_one_node_reaches_a_client_of_the_other_in_store_order()
    {
        var data = CrisisCenterApp.NewDataDirectory();
        using var cleanup = DataDirectories.DeleteLater(data);
        await using var nodeA = await CrisisCenterApp.StartAsync(data);
        await using var nodeB = await CrisisCenterApp.StartAsync(data);
        await TestUsers.RegisterAllAsync(nodeA.Services);
        using var officerOnA = await ApiSession.SignInAsync(nodeA, TestUsers.MesOfficer);
        using var officerOnB = await ApiSession.SignInAsync(nodeB, TestUsers.MesOfficer);
        using var observerOnB = await ApiSession.SignInAsync(nodeB, TestUsers.AlmatyObserver);
        await using var clientOnB = await LiveTimelineClient.ConnectAsync(nodeB, observerOnB.Token);
        await using var clientOnA = await LiveTimelineClient.ConnectAsync(nodeA, officerOnA.Token);

        var incident = await officerOnA.DeclareAsync("Earthquake felt in Almaty");
        await clientOnB.JoinBoardAsync();
        await clientOnB.WaitForBoardAsync(rows => rows.Any(r => r.Id == incident), "node B to learn of the incident declared on node A");
        await clientOnB.JoinIncidentAsync(incident);
        await clientOnA.JoinIncidentAsync(incident);

        for (var i = 0; i < 10; i++)
        {
            await officerOnA.LogUpdateAsync(incident, $"Aftershock report {i} (node A)");
            await officerOnB.LogUpdateAsync(incident, $"Damage report {i} (node B)");
        }

        var stored = await nodeA.StoredEventsAsync(incident);
        stored.Should().HaveCount(21);
        (await clientOnB.WaitForEntryCountAsync(21)).Select(e => (e.Position, e.EventId)).Should().Equal(stored);
        (await clientOnA.WaitForEntryCountAsync(21)).Select(e => (e.Position, e.EventId)).Should().Equal(stored);
        clientOnB.Entries.Count(e => e.Summary.Contains("node A", StringComparison.Ordinal) || e.Details.Values.Any(v => v?.Contains("node A", StringComparison.Ordinal) == true))
            .Should().Be(10, "every command sent to node A reached the client on node B");
    }
}
