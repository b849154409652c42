using CrisisCenter.Web.Tests.Support;

namespace CrisisCenter.Web.Tests.LiveTimeline;

[Collection(LiveTimelineCollection.Name)]
public sealed class ResumeTests(LiveTimelineNode live)
{
    [Fact]
    public async Task a_client_that_reconnects_with_its_last_position_gets_exactly_what_it_missed_in_order()
    {
        using var officer = await live.SignInAsync(TestUsers.MesOfficer);
        var incident = await officer.DeclareAsync("Flooding on the Ili river");
        await officer.LogUpdateAsync(incident, "Water level 3.1 m");

        long lastSeen;
        await using (var first = await live.ConnectAsync(TestUsers.AlmatyObserver))
        {
            await first.JoinIncidentAsync(incident);
            lastSeen = (await first.WaitForEntryCountAsync(2))[^1].Position;
        }

        var missed = new List<long>();
        for (var i = 0; i < 100; i++)
        {
            missed.Add(await officer.LogUpdateAsync(incident, $"Water level reading {i}"));
        }

        await using var again = await live.ConnectAsync(TestUsers.AlmatyObserver);
        await again.JoinIncidentAsync(incident, lastSeen);
        var received = await again.WaitForEntryCountAsync(100);
        await Task.Delay(300); // a duplicate or an older entry would arrive now
        again.Entries.Select(e => e.Position).Should().Equal(missed);
        again.Entries.Should().OnlyContain(e => e.Type == "situation_update.logged.v1");
        var stored = await live.StoredEventsAsync(incident);
        again.Entries.Select(e => (e.Position, e.EventId)).Should().Equal(stored.Where(e => e.Position > lastSeen));

        // And the resumed join goes on live.
        var next = await officer.LogUpdateAsync(incident, "Water level falling");
        (await again.WaitForEntryCountAsync(101))[^1].Position.Should().Be(next);
    }
}
