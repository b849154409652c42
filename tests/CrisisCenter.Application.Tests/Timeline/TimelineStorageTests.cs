using System.Text.Json;
using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Tests.Support;
using CrisisCenter.EventStore;

namespace CrisisCenter.Application.Tests.Timeline;

/// <summary>How the timeline keeps entries (every node keeps every one): growing lists, compact details, shared strings.</summary>
public sealed class TimelineStorageTests
{
    private readonly IncidentTimeline _timeline = new();
    private readonly StoreOrder _store = new();

    [Fact]
    public void every_query_stays_complete_and_ordered_as_the_lists_grow_past_many_resizes()
    {
        var incidents = Enumerable.Range(0, 3).Select(_ => new Facts()).ToList();
        foreach (var incident in incidents)
        {
            _timeline.Apply(_store.Record(incident.Declared(at: 0)));
        }

        for (var i = 0; i < 1500; i++)
        {
            var incident = incidents[i % 3];
            _timeline.Apply(_store.Record(incident.UpdateLogged(i, Guid.NewGuid(), text: $"update {i}")));
        }

        _timeline.Count.Should().Be(1503);
        _timeline.LastPosition.Should().Be(1503 * 10);
        var first = _timeline.ForIncident(incidents[0].Id, limit: IncidentTimeline.MaxLimit);
        first.Should().HaveCount(501).And.BeInAscendingOrder(e => e.Position).And.OnlyContain(e => e.IncidentId == incidents[0].Id);
        var rest = _timeline.ForIncident(incidents[0].Id, afterPosition: first[^1].Position, limit: IncidentTimeline.MaxLimit);
        rest.Should().BeEmpty();
        _timeline.Latest(incidents[1].Id, 5).Select(e => e.Details["text"]).Should().Equal("update 1486", "update 1489", "update 1492", "update 1495", "update 1498");
        var after = _timeline.After(700 * 10, limit: 10);
        after.Select(e => e.Position).Should().Equal(Enumerable.Range(701, 10).Select(p => p * 10L));
        _timeline.After(GlobalPosition.Start, limit: 2000).Should().HaveCount(IncidentTimeline.MaxLimit);
    }

    [Fact]
    public void details_answer_lookups_and_serialise_in_the_order_they_were_narrated()
    {
        var flood = new Facts();
        var entry = _timeline.Apply(_store.Record(flood.UpdateLogged(1, Guid.NewGuid(), text: "Water level 3.2 m.", verified: false)));

        entry.Details.Should().ContainKey("text").And.NotContainKey("nothing");
        entry.Details.TryGetValue("verified", out var verified).Should().BeTrue();
        verified.Should().Be("false");
        entry.Details.TryGetValue("nothing", out _).Should().BeFalse();
        var act = () => entry.Details["nothing"];
        act.Should().Throw<KeyNotFoundException>();

        var json = JsonSerializer.Serialize(entry, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("details").EnumerateObject().Select(p => p.Name)
            .Should().Equal(entry.Details.Keys).And.StartWith(["text", "source"]);
        document.RootElement.GetProperty("details").GetProperty("text").GetString().Should().Be("Water level 3.2 m.");
    }

    [Fact]
    public void entries_share_one_copy_of_the_actor_and_agency_names_the_store_hands_over_per_event()
    {
        var flood = new Facts();
        // Each event read from the store carries its own copies of these strings.
        var entries = Enumerable.Range(0, 3)
            .Select(i => _timeline.Apply(_store.Record(flood.UpdateLogged(i, Guid.NewGuid()), actorName: new string("Aigerim Sadykova".AsSpan()), agencyCode: new string("mes".AsSpan()))))
            .ToList();

        entries.Select(e => e.ActorName).Should().AllBe("Aigerim Sadykova");
        ReferenceEquals(entries[0].ActorName, entries[2].ActorName).Should().BeTrue();
        ReferenceEquals(entries[0].AgencyCode, entries[1].AgencyCode).Should().BeTrue();
    }
}
