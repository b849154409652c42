using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Tests.Support;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Tests.Reminders;

/// <summary>The board row shows since when an incident's public update is overdue; the next publication clears it.</summary>
public sealed class OverdueOnTheBoardTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly IncidentBoard _board = new();
    private readonly IncidentTimeline _timeline = new();
    private readonly StoreOrder _store = new();

    private static IncidentUpdateOverdue Overdue(Facts incident, double atMinute, double dueMinute) =>
        new(incident.Id, Actor.SystemUserId, Facts.At(atMinute), Facts.At(dueMinute), Hour);

    [Fact]
    public void an_overdue_incident_shows_since_when_across_several_missed_windows()
    {
        var flood = new Facts();
        _store.Feed(_board, flood.Declared(), Overdue(flood, 61, 60), Overdue(flood, 121, 120));

        _board.Find(flood.Id)!.Should().BeEquivalentTo(new { UpdateOverdueSince = Facts.At(60), LatestMissedUpdateDueAt = Facts.At(120) });
    }

    [Fact]
    public void the_next_publication_clears_the_warning_and_restarts_the_clock()
    {
        var flood = new Facts();
        var statement = Guid.NewGuid();
        _store.Feed(_board, flood.Declared(), Overdue(flood, 61, 60), flood.Published(70, statement));

        var row = _board.Find(flood.Id)!;
        row.UpdateOverdueSince.Should().BeNull();
        row.LastPublishedAt.Should().Be(Facts.At(70));
        row.LatestMissedUpdateDueAt.Should().Be(Facts.At(60), "what was recorded stays recorded");
    }

    [Fact]
    public void the_timeline_says_the_update_was_overdue()
    {
        var flood = new Facts();

        var entries = _store.Feed(_timeline, flood.Declared(), Overdue(flood, 61, 60));

        entries.Last().Summary.Should().StartWith("Public update overdue: none published within 60 minutes");
        entries.Last().Kind.Should().Be(TimelineKinds.Incident);
    }
}
