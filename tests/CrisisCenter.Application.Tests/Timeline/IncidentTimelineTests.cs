using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Tests.Support;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;

namespace CrisisCenter.Application.Tests.Timeline;

public sealed class IncidentTimelineTests
{
    private readonly IncidentTimeline _timeline = new();
    private readonly StoreOrder _store = new();
    private readonly Facts _flood = new();

    [Fact]
    public void entry_carries_the_events_place_time_and_actor()
    {
        var declared = _store.Record(_flood.Declared(at: 3, by: "officer-1"), actorName: "Aigerim Sadykova", agencyCode: "mes");

        var entry = _timeline.Apply(declared);

        entry.Should().BeEquivalentTo(new
        {
            declared.Position, declared.EventId, IncidentId = _flood.Id, Revision = 0L, Type = "incident.declared.v1",
            Kind = TimelineKinds.Incident, At = Facts.At(3), ActorId = "officer-1", ActorName = "Aigerim Sadykova", AgencyCode = "mes",
            Language = (string?)null, StatementId = (Guid?)null, RumorId = (Guid?)null, UpdateId = (Guid?)null, PostId = (Guid?)null,
        });
    }

    [Fact]
    public void a_statements_way_to_the_public_reads_as_one_line_per_event()
    {
        var statement = Guid.NewGuid();
        var (telegramRu, websiteKk) = (Guid.NewGuid(), Guid.NewGuid());

        var entries = _store.Feed(_timeline,
            _flood.Declared(code: "INC-2026-0042", title: "Flooding in Almaty", severity: Severity.Severe),
            _flood.Drafted(1, statement),
            _flood.Submitted(2, statement),
            _flood.Rejected(3, statement, "chief-1"),
            _flood.Revised(4, statement, 2),
            _flood.Submitted(5, statement, 2),
            _flood.Approved(6, statement, "chief-1", 1, 2, revision: 2),
            _flood.Approved(7, statement, "chief-2", 2, 2, revision: 2),
            _flood.Published(8, statement, 2, ["telegram", "website"]),
            _flood.PostScheduled(8, telegramRu, statement, "telegram", Language.Ru, 2),
            _flood.PostScheduled(8, websiteKk, statement, "website", Language.Kk, 2),
            _flood.Failed(9, telegramRu, 1),
            _flood.Delivered(10, telegramRu, 2),
            _flood.Abandoned(11, websiteKk, 5));

        entries.Select(e => (e.Kind, e.Summary)).Should().Equal(
            ("incident", "Incident INC-2026-0042 declared: Flooding in Almaty (Severe, Met)"),
            ("statement", "Holding statement drafted (revision 1)"),
            ("statement", "Holding statement revision 1 submitted for approval"),
            ("statement", "Holding statement revision 1 rejected"),
            ("statement", "Holding statement revised (revision 2)"),
            ("statement", "Holding statement revision 2 submitted for approval"),
            ("approval", "Holding statement revision 2 approved (1 of 2)"),
            ("approval", "Holding statement revision 2 approved (2 of 2)"),
            ("statement", "Holding statement revision 2 published to telegram, website"),
            ("channel-post", "Post scheduled on telegram (ru)"),
            ("channel-post", "Post scheduled on website (kk)"),
            ("channel-post", "Post on telegram (ru) failed at attempt 1, next attempt at 2026-03-01 03:10:00 UTC"),
            ("channel-post", "Post delivered on telegram (ru) at attempt 2: https://t.me/c/2"),
            ("channel-post", "Alert: post on website (kk) abandoned after 5 attempts; an operator may retry it"));
        entries.Where(e => e.Kind is "statement" or "approval" or "channel-post").Should().OnlyContain(e => e.StatementId == statement);
        entries[3].Details.Should().Contain("reason", "Numbers unconfirmed.");
        entries[6].Details.Should().Contain(new Dictionary<string, string?> { ["approvalsSoFar"] = "1", ["approvalsRequired"] = "2", ["revision"] = "2" });
        entries[11].Should().BeEquivalentTo(new { PostId = telegramRu, Language = "ru" });
        entries[11].Details.Should().Contain("error", "HTTP 503");
    }

    [Fact]
    public void situation_updates_rumours_and_lifecycle_read_plainly()
    {
        var (update, correction, rumor, rebuttal) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var entries = _store.Feed(_timeline,
            _flood.Declared(),
            _flood.UpdateLogged(1, update, "Water level 3.2 m.", verified: false, language: Language.Kk),
            _flood.UpdateCorrected(2, correction, update, "Water level 2.9 m."),
            _flood.RumorLogged(3, rumor, "The dam has broken."),
            _flood.RumorAssessed(4, rumor, RumorVerdict.False),
            _flood.Drafted(5, rebuttal, kind: StatementKind.Rebuttal, referencesRumor: rumor),
            _flood.RumorRebutted(6, rumor, rebuttal),
            _flood.RumorClosed(7, rumor),
            _flood.SeverityChanged(8, Severity.Moderate, Severity.Severe),
            _flood.Joined(9, "akimat-almaty"),
            _flood.Stabilized(10),
            _flood.Closed(11),
            _flood.Reopened(12));

        entries.Select(e => (e.Kind, e.Summary)).Should().Equal(
            ("incident", "Incident INC-2026-0001 declared: Flooding in Almaty (Moderate, Met)"),
            ("situation-update", "Unverified situation update: Water level 3.2 m."),
            ("situation-update", "Situation update corrected: Water level 2.9 m."),
            ("rumor", "Rumour logged: The dam has broken."),
            ("rumor", "Rumour assessed as false"),
            ("statement", "Rebuttal drafted (revision 1)"),
            ("rumor", "Rumour rebutted by rebuttal revision 1"),
            ("rumor", "Rumour closed"),
            ("incident", "Severity raised from Moderate to Severe"),
            ("incident", "Agency akimat-almaty joined the incident"),
            ("incident", "Incident stabilized"),
            ("incident", "Incident closed"),
            ("incident", "Incident reopened"));
        entries[1].Should().BeEquivalentTo(new { UpdateId = update, Language = "kk" });
        entries[2].Details.Should().Contain("correctsUpdateId", update.ToString("D"));
        entries[6].Should().BeEquivalentTo(new { RumorId = rumor, StatementId = rebuttal });
        entries[12].Details.Should().Contain("reason", "Second wave.");
    }

    [Fact]
    public void approval_requirement_changes_say_what_is_needed_now()
    {
        var statement = Guid.NewGuid();
        var entries = _store.Feed(_timeline,
            _flood.Declared(), _flood.Drafted(1, statement, kind: StatementKind.Update), _flood.RequirementChanged(2, statement, soFar: 1, required: 2));

        entries[^1].Should().BeEquivalentTo(new { Kind = "approval", Summary = "Update statement revision 1 now needs 2 approvals (1 so far)" });
    }

    [Fact]
    public void user_text_in_a_summary_is_one_line_and_cut_short()
    {
        var longText = "Evacuation of\r\nthe lower districts\n\n" + new string('x', 300);

        var entry = _store.Feed(_timeline, _flood.Declared(), _flood.UpdateLogged(1, Guid.NewGuid(), longText))[^1];

        entry.Summary.Should().StartWith("Verified situation update: Evacuation of the lower districts xxx");
        entry.Summary.Should().NotContainAny("\n", "\r");
        entry.Summary.Length.Should().BeLessThan(200);
        entry.Summary.Should().EndWith("…");
        entry.Details["text"].Should().Be(longText, "the full text stays in the details");
    }

    [Fact]
    public void incident_timeline_pages_by_position()
    {
        var fire = new Facts();
        _store.Feed(_timeline, _flood.Declared(), fire.Declared(), _flood.Stabilized(1), fire.Stabilized(2), _flood.Closed(3), _flood.Reopened(4));

        var all = _timeline.ForIncident(_flood.Id);
        all.Select(e => e.Summary).Should().Equal(
            "Incident INC-2026-0001 declared: Flooding in Almaty (Moderate, Met)", "Incident stabilized", "Incident closed", "Incident reopened");
        all.Select(e => e.Position).Should().BeInAscendingOrder();

        _timeline.ForIncident(_flood.Id, afterPosition: all[1].Position, limit: 1).Should().Equal(all[2]);
        _timeline.ForIncident(_flood.Id, afterPosition: all[^1].Position).Should().BeEmpty();
        _timeline.Latest(_flood.Id, 2).Should().Equal(all[2], all[3]);
        _timeline.ForIncident(Guid.NewGuid()).Should().BeEmpty();
    }

    [Fact]
    public void entries_after_a_global_position_span_incidents_in_store_order()
    {
        var (fire, secret) = (new Facts(), new Facts());
        var entries = _store.Feed(_timeline,
            _flood.Declared(), fire.Declared(), secret.Declared(), secret.Stabilized(1), _flood.Stabilized(2), fire.Stabilized(3));

        _timeline.After(GlobalPosition.Start).Should().Equal(entries);
        _timeline.After(entries[1].Position, limit: 3).Should().Equal(entries[2], entries[3], entries[4]);
        _timeline.After(entries[1].Position, limit: 2, include: e => e.IncidentId != secret.Id)
            .Should().Equal([entries[4], entries[5]], "the limit counts only what the caller may see");
        _timeline.LastPosition.Should().Be(entries[^1].Position);
    }

    [Fact]
    public void an_event_older_than_the_last_entry_is_refused()
    {
        var first = _store.Record(_flood.Declared());
        var second = _store.Record(_flood.Stabilized(1));
        _timeline.Apply(second);

        var late = () => _timeline.Apply(first);

        late.Should().Throw<ArgumentException>();
        _timeline.Count.Should().Be(1);
    }
}
