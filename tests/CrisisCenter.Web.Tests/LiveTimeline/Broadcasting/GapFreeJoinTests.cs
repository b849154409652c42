using CrisisCenter.Domain;
using CrisisCenter.Web.LiveTimeline;

namespace CrisisCenter.Web.Tests.LiveTimeline.Broadcasting;

/// <summary>Joins racing with the projection loop, many times over: the switch from history to live must never lose
/// or repeat an entry, whatever the interleaving.</summary>
public sealed class GapFreeJoinTests
{
    [Fact]
    public async Task incident_joins_racing_with_live_entries_get_every_entry_after_their_position_once_in_order()
    {
        var loop = new ProjectionLoop(pageSize: 7);
        var incident = Guid.NewGuid();
        var other = Guid.NewGuid();
        loop.Declare(incident);
        loop.Declare(other);

        var clients = new List<(RecordingClient Client, long After)>();
        var random = new Random(42);
        var racingJoins = await Race.RunAsync(
            write: () =>
            {
                for (var i = 0; i < 3000; i++)
                {
                    loop.LogUpdate(i % 4 == 0 ? other : incident, i);
                    if (i % 100 == 0)
                    {
                        Thread.Sleep(1);
                    }
                }
            },
            join: () =>
            {
                var client = new RecordingClient();
                var connection = loop.Connect(client, ProjectionLoop.Viewer("MES"));
                // Half start from the beginning, half from a position the projections already passed.
                long? after = random.Next(2) == 0 ? null : loop.Position - random.Next(0, 40);
                loop.JoinIncident(connection, incident, after).Should().Be(JoinOutcome.Joined);
                clients.Add((client, after ?? -1));
            });

        var all = new List<Application.Projections.TimelineEntry>();
        for (var cursor = -1L; loop.Timeline.ForIncident(incident, cursor, 1000) is { Count: > 0 } page; cursor = page[^1].Position)
        {
            all.AddRange(page);
        }

        all.Should().HaveCount(2251);
        racingJoins.Should().BeGreaterThan(3, "joins must race with the writes for this test to mean anything");
        foreach (var (client, after) in clients)
        {
            var expected = all.Where(e => e.Position > after).Select(e => e.Position).ToList();
            await client.WaitUntilAsync(c => c.Entries.Count >= expected.Count, $"{expected.Count} entries after {after}");
            client.Entries.Select(e => e.Position).Should().Equal(expected, "a join after {0} gets each later entry exactly once, in order", after);
        }
    }

    [Fact]
    public async Task board_joins_racing_with_changes_send_rows_in_position_order_and_end_on_every_rows_latest_state()
    {
        var loop = new ProjectionLoop();
        var incidents = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        foreach (var (id, n) in incidents.Select((id, n) => (id, n)))
        {
            loop.Declare(id, lead: n % 5 == 0 ? "MOH" : "MES", visibility: n % 5 == 0 ? Visibility.Restricted : Visibility.Normal);
        }

        var viewers = new List<(RecordingClient Client, long After, Actor Viewer)>();
        var random = new Random(11);
        var racingJoins = await Race.RunAsync(
            write: () =>
            {
                for (var i = 0; i < 3000; i++)
                {
                    loop.LogUpdate(incidents[i * 7 % incidents.Count], i);
                    if (i == 1500)
                    {
                        loop.Declare(Guid.NewGuid()); // rows are added while boards are being read
                    }

                    if (i % 100 == 0)
                    {
                        Thread.Sleep(1);
                    }
                }
            },
            join: () =>
            {
                var viewer = ProjectionLoop.Viewer(viewers.Count % 3 == 0 ? "MOH" : "MES");
                var client = new RecordingClient();
                var connection = loop.Connect(client, viewer);
                long? after = random.Next(2) == 0 ? null : loop.Position - random.Next(0, 300);
                loop.JoinBoard(connection, after).Should().Be(JoinOutcome.Joined);
                viewers.Add((client, after ?? -1, viewer));
            });

        racingJoins.Should().BeGreaterThan(3, "joins must race with the changes for this test to mean anything");
        var finalRows = loop.Board.Query(Application.Projections.IncidentBoardQuery.All with { PageSize = 200 }, _ => true).Items;
        foreach (var (client, after, viewer) in viewers)
        {
            var expected = finalRows.Where(r => r.LastPosition > after && viewer.CanSee(r)).ToDictionary(r => r.Id, r => r.LastPosition);
            await client.WaitUntilAsync(
                c => expected.All(row => c.Rows.Any(r => r.Id == row.Key && r.LastPosition == row.Value)),
                $"the latest state of {expected.Count} rows");
            client.Rows.Select(r => r.LastPosition).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems("every row message reports a later position than the one before");
            client.Rows.Should().OnlyContain(r => r.LastPosition > after && viewer.CanSee(r));
        }

        viewers.Should().Contain(v => v.Viewer.AgencyCode == "MOH").And.Contain(v => v.Viewer.AgencyCode == "MES");
    }

    [Fact]
    public async Task restricted_entries_reach_a_region_only_through_the_incidents_own_agencies()
    {
        var loop = new ProjectionLoop();
        var observerClient = new RecordingClient();
        var insiderClient = new RecordingClient();
        var observer = loop.Connect(observerClient, new Actor("obs", "Observer", "AKIMAT-KZ-75", [Role.Observer], "KZ-75"));
        var insider = loop.Connect(insiderClient, new Actor("moh", "Insider", "MOH", [Role.Observer], "KZ-75"));
        loop.JoinRegion(observer, "KZ-75");
        loop.JoinRegion(insider, "KZ-75");

        var restricted = Guid.NewGuid();
        var open = Guid.NewGuid();
        loop.Declare(restricted, lead: "MOH", visibility: Visibility.Restricted);
        loop.LogUpdate(restricted, 1);
        loop.Declare(open, lead: "MES");
        loop.Declare(Guid.NewGuid(), lead: "MES", region: "KZ-71");

        await insiderClient.WaitUntilAsync(c => c.Entries.Count == 3, "the restricted and the open incident's entries");
        await observerClient.WaitUntilAsync(c => c.Entries.Count == 1, "the open incident's entry");
        observerClient.Entries.Single().IncidentId.Should().Be(open);
        insiderClient.Entries.Select(e => e.IncidentId).Should().Equal(restricted, restricted, open);
    }
}
