using CrisisCenter.Web.Tests.Support;

namespace CrisisCenter.Web.Tests.LiveTimeline;

[Collection(LiveTimelineCollection.Name)]
public sealed class TimelineOrderTests(LiveTimelineNode live)
{
    [Fact]
    public async Task entries_arrive_in_the_stores_order_of_the_incident()
    {
        using var officer = await live.SignInAsync(TestUsers.MesOfficer);
        var incident = await officer.DeclareAsync("Mudflow threat above Medeu");
        await using var client = await live.ConnectAsync(TestUsers.MesOfficer);
        await client.JoinIncidentAsync(incident);

        // Two writers at once, so the store (not the order of requests) decides the order.
        await Task.WhenAll(
            Task.Run(async () => { for (var i = 0; i < 15; i++) await officer.LogUpdateAsync(incident, $"Gauge A reading {i}"); }),
            Task.Run(async () => { for (var i = 0; i < 15; i++) await officer.LogUpdateAsync(incident, $"Gauge B reading {i}"); }));

        var stored = await live.StoredEventsAsync(incident);
        stored.Should().HaveCount(31);
        var received = await client.WaitForEntryCountAsync(stored.Count);
        received.Select(e => (e.Position, e.EventId)).Should().Equal(stored);
        received.Select(e => e.Position).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        received.Should().OnlyContain(e => e.IncidentId == incident);
    }

    [Fact]
    public async Task a_late_joiner_without_a_position_gets_the_whole_history_then_live_entries()
    {
        using var officer = await live.SignInAsync(TestUsers.MesOfficer);
        var incident = await officer.DeclareAsync("Avalanche risk on the Chimbulak road");
        for (var i = 0; i < 10; i++)
        {
            await officer.LogUpdateAsync(incident, $"Snow depth report {i}");
        }

        await using var client = await live.ConnectAsync(TestUsers.AlmatyObserver);
        await client.JoinIncidentAsync(incident, afterPosition: null);
        var history = await client.WaitForEntryCountAsync(11);
        history[0].Type.Should().Be("incident.declared.v1");

        for (var i = 0; i < 5; i++)
        {
            await officer.LogUpdateAsync(incident, $"Live report {i}");
        }

        var stored = await live.StoredEventsAsync(incident);
        var received = await client.WaitForEntryCountAsync(16);
        received.Select(e => (e.Position, e.EventId)).Should().Equal(stored);
    }

    [Fact]
    public async Task joining_while_updates_are_being_logged_misses_nothing_and_repeats_nothing()
    {
        using var officer = await live.SignInAsync(TestUsers.MesOfficer);
        var incident = await officer.DeclareAsync("Gas leak in Turksib district");
        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                await officer.LogUpdateAsync(incident, $"Evacuation progress {i}");
            }
        });

        // Join in the middle of the writes: the switch from history to live happens under load.
        await using var early = await live.ConnectAsync(TestUsers.MesOfficer);
        await Task.Delay(150);
        await early.JoinIncidentAsync(incident);
        await using var late = await live.ConnectAsync(TestUsers.AlmatyObserver);
        await Task.Delay(150);
        await late.JoinIncidentAsync(incident);
        await writing;

        var stored = await live.StoredEventsAsync(incident);
        stored.Should().HaveCount(61);
        foreach (var client in new[] { early, late })
        {
            var received = await client.WaitForEntryCountAsync(stored.Count);
            await Task.Delay(200); // anything extra (a duplicate) would arrive now
            client.Entries.Select(e => (e.Position, e.EventId)).Should().Equal(stored);
        }
    }
}
