using CrisisCenter.Domain;
using CrisisCenter.Web.LiveTimeline;

namespace CrisisCenter.Web.Tests.LiveTimeline.Broadcasting;

public sealed class OutboxTests
{
    [Fact]
    public async Task a_client_that_stops_reading_is_disconnected_once_its_outbox_is_full_instead_of_buffering_more()
    {
        var loop = new ProjectionLoop();
        var incident = Guid.NewGuid();
        loop.Declare(incident);
        var stuck = new StuckClient();
        var connection = loop.Connect(stuck, ProjectionLoop.Viewer("MES"), capacity: 8);
        loop.JoinIncident(connection, incident).Should().Be(JoinOutcome.Joined);
        await WaitUntil(() => Volatile.Read(ref stuck.SendsStarted) == 1); // the sender holds the declaration, stuck in the write

        for (var i = 0; i < 8; i++)
        {
            loop.LogUpdate(incident, i);
        }

        connection.Pending.Should().Be(8);
        stuck.Aborts.Should().Be(0, "a full outbox is still within bounds");

        for (var i = 8; i < 100; i++)
        {
            loop.LogUpdate(incident, i);
        }

        stuck.Aborts.Should().Be(1, "the connection is closed once, when its outbox overflows");
        connection.HasOverflowed.Should().BeTrue();
        connection.Pending.Should().BeLessThanOrEqualTo(8, "memory stays bounded however far the client falls behind");
        connection.Joins.Should().BeEmpty("the broadcaster stops routing to it");
        loop.JoinIncident(connection, incident).Should().Be(JoinOutcome.Overflowed, "it must reconnect and resume from its last position");
        await loop.Broadcaster.DisconnectAsync(connection.Id);
        loop.Broadcaster.ConnectionCount.Should().Be(0);
    }

    [Fact]
    public async Task a_stuck_client_does_not_hold_back_the_others()
    {
        var loop = new ProjectionLoop();
        var incident = Guid.NewGuid();
        loop.Declare(incident);
        var stuck = loop.Connect(new StuckClient(), ProjectionLoop.Viewer("MES"), capacity: 4);
        var healthyClient = new RecordingClient();
        var healthy = loop.Connect(healthyClient, ProjectionLoop.Viewer("MES"));
        loop.JoinIncident(stuck, incident);
        loop.JoinIncident(healthy, incident);

        for (var i = 0; i < 200; i++)
        {
            loop.LogUpdate(incident, i);
        }

        await healthyClient.WaitUntilAsync(c => c.Entries.Count == 201, "every entry at the healthy client");
        healthyClient.Entries.Select(e => e.Position).Should().Equal(loop.Timeline.ForIncident(incident, limit: 1000).Select(e => e.Position));
        stuck.HasOverflowed.Should().BeTrue();
        healthy.HasOverflowed.Should().BeFalse();
    }

    [Fact]
    public async Task a_connection_follows_a_bounded_number_of_things()
    {
        var loop = new ProjectionLoop(maxJoins: 2);
        var connection = loop.Connect(new RecordingClient(), ProjectionLoop.Viewer("MES", Role.Admin));

        loop.JoinRegion(connection, "KZ-75").Should().Be(JoinOutcome.Joined);
        loop.JoinRegion(connection, "KZ-71").Should().Be(JoinOutcome.Joined);
        loop.JoinRegion(connection, "KZ-75").Should().Be(JoinOutcome.Joined, "joining the same thing again replaces the earlier join");
        loop.JoinRegion(connection, "KZ-79").Should().Be(JoinOutcome.TooManyJoins);
        await loop.Broadcaster.DisconnectAsync(connection.Id);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 1500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue();
    }
}
