using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Tests.Support;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Tests.Board;

public sealed class IncidentBoardTests
{
    private static readonly Func<IncidentSummary, bool> Everyone = _ => true;

    private readonly IncidentBoard _board = new();
    private readonly StoreOrder _store = new();

    [Fact]
    public void declared_incident_appears_as_declared()
    {
        var flood = new Facts();
        var declared = _store.Record(flood.Declared(
            code: "INC-2026-0042", title: "Flooding in Almaty", severity: Severity.Severe, regions: ["KZ-75", "KZ-19"],
            participating: ["akimat-almaty"], visibility: Visibility.Restricted, publicWarning: true));
        _board.Apply(declared);

        _board.Find(flood.Id).Should().BeEquivalentTo(new IncidentSummary(
            flood.Id, "INC-2026-0042", "Flooding in Almaty", IncidentStatus.Active, Severity.Severe, IncidentCategory.Met,
            ["KZ-75", "KZ-19"], "mes", ["akimat-almaty"], Visibility.Restricted, true, Facts.T0, Facts.T0,
            Revision: 0, LastPosition: declared.Position, OpenRumors: 0, PublishedStatements: 0, StatementsAwaitingApproval: 0));
    }

    [Fact]
    public void summary_follows_details_severity_agencies_and_lifecycle()
    {
        var flood = new Facts();
        _store.Feed(_board,
            flood.Declared(participating: ["moh"]),
            flood.Amended(5, "Flooding in Almaty region", ["KZ-75", "KZ-19"], IncidentCategory.Geo),
            flood.SeverityChanged(6, Severity.Moderate, Severity.Extreme),
            flood.Joined(7, "akimat-almaty"),
            flood.Left(8, "moh"),
            flood.Stabilized(9));

        var summary = _board.Find(flood.Id)!;
        summary.Title.Should().Be("Flooding in Almaty region");
        summary.Regions.Should().Equal("KZ-75", "KZ-19");
        summary.Category.Should().Be(IncidentCategory.Geo);
        summary.Severity.Should().Be(Severity.Extreme);
        summary.ParticipatingAgencies.Should().Equal("akimat-almaty");
        summary.Status.Should().Be(IncidentStatus.Stabilized);
        summary.LastActivityAt.Should().Be(Facts.At(9));
        summary.Revision.Should().Be(5);

        _store.Feed(_board, flood.Closed(20));
        _board.Find(flood.Id)!.Status.Should().Be(IncidentStatus.Closed);
        _store.Feed(_board, flood.Reopened(30));
        _board.Find(flood.Id)!.Status.Should().Be(IncidentStatus.Active);
        _board.Find(flood.Id)!.LastActivityAt.Should().Be(Facts.At(30));
    }

    [Fact]
    public void statements_in_review_count_until_approved_enough_and_come_back_when_the_requirement_rises()
    {
        var flood = new Facts();
        var holding = Guid.NewGuid();
        _store.Feed(_board, flood.Declared(severity: Severity.Severe), flood.Drafted(1, holding), flood.Submitted(2, holding));
        _board.Find(flood.Id)!.StatementsAwaitingApproval.Should().Be(1);

        _store.Feed(_board, flood.Approved(3, holding, "approver-1", soFar: 1, required: 2));
        _board.Find(flood.Id)!.StatementsAwaitingApproval.Should().Be(1, "one approval of two is not enough");

        _store.Feed(_board, flood.Approved(4, holding, "approver-2", soFar: 2, required: 2));
        _board.Find(flood.Id)!.StatementsAwaitingApproval.Should().Be(0);

        _store.Feed(_board, flood.RequirementChanged(5, holding, soFar: 2, required: 3));
        _board.Find(flood.Id)!.StatementsAwaitingApproval.Should().Be(1);
    }

    [Fact]
    public void rejected_revised_and_published_statements_do_not_await_approval_and_published_ones_are_counted_once()
    {
        var flood = new Facts();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        _store.Feed(_board,
            flood.Declared(),
            flood.Drafted(1, first), flood.Submitted(2, first),
            flood.Drafted(1, second), flood.Submitted(2, second));
        _board.Find(flood.Id)!.StatementsAwaitingApproval.Should().Be(2);

        _store.Feed(_board, flood.Rejected(3, first, "approver-1"));
        _board.Find(flood.Id)!.StatementsAwaitingApproval.Should().Be(1);

        _store.Feed(_board, flood.Revised(4, first, 2), flood.Approved(5, second, "approver-1", 1, 1), flood.Published(6, second));
        _board.Find(flood.Id)!.Should().BeEquivalentTo(new { StatementsAwaitingApproval = 0, PublishedStatements = 1 });

        var correction = Guid.NewGuid();
        _store.Feed(_board,
            flood.Drafted(7, correction, kind: StatementKind.Correction, referencesStatement: second),
            flood.Published(8, correction, kind: StatementKind.Correction));
        _board.Find(flood.Id)!.PublishedStatements.Should().Be(2, "the corrected statement was published too");
    }

    [Fact]
    public void open_rumours_are_those_neither_rebutted_nor_closed()
    {
        var flood = new Facts();
        var (dam, bridge, school) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        _store.Feed(_board,
            flood.Declared(),
            flood.RumorLogged(1, dam), flood.RumorLogged(2, bridge), flood.RumorLogged(3, school),
            flood.RumorAssessed(4, dam));
        _board.Find(flood.Id)!.OpenRumors.Should().Be(3);

        _store.Feed(_board, flood.RumorRebutted(5, dam, Guid.NewGuid()), flood.RumorClosed(6, bridge));
        _board.Find(flood.Id)!.OpenRumors.Should().Be(1);
    }

    [Fact]
    public void events_of_an_incident_never_declared_are_ignored()
    {
        var ghost = new Facts();
        _store.Feed(_board, ghost.Stabilized(1), ghost.RumorLogged(2, Guid.NewGuid()));

        _board.Find(ghost.Id).Should().BeNull();
        _board.Count.Should().Be(0);
    }

    [Fact]
    public void board_lists_latest_activity_first()
    {
        var (older, newer, busiest) = (new Facts(), new Facts(), new Facts());
        _store.Feed(_board,
            older.Declared(at: 0, code: "INC-1"),
            busiest.Declared(at: 5, code: "INC-2"),
            newer.Declared(at: 10, code: "INC-3"),
            busiest.UpdateLogged(20, Guid.NewGuid()));

        var page = _board.Query(IncidentBoardQuery.All, Everyone);

        page.Items.Select(i => i.Code).Should().Equal("INC-2", "INC-3", "INC-1");
    }

    [Fact]
    public void board_filters_by_status_severity_and_region()
    {
        var (moderate, severe, closed) = (new Facts(), new Facts(), new Facts());
        _store.Feed(_board,
            moderate.Declared(at: 1, code: "INC-M", severity: Severity.Moderate, regions: ["KZ-75"]),
            severe.Declared(at: 2, code: "INC-S", severity: Severity.Severe, regions: ["KZ-19", "KZ-75"]),
            closed.Declared(at: 3, code: "INC-C", severity: Severity.Severe, regions: ["KZ-71"]),
            closed.Closed(4));

        Codes(new IncidentBoardQuery(Severity: Severity.Severe)).Should().Equal("INC-C", "INC-S");
        Codes(new IncidentBoardQuery(Status: IncidentStatus.Active, Severity: Severity.Severe)).Should().Equal("INC-S");
        Codes(new IncidentBoardQuery(Region: "KZ-75")).Should().Equal("INC-S", "INC-M");
        Codes(new IncidentBoardQuery(Status: IncidentStatus.Closed)).Should().Equal("INC-C");
    }

    [Fact]
    public void agency_filter_matches_lead_or_participating_agency()
    {
        var (led, joined, unrelated) = (new Facts(), new Facts(), new Facts());
        _store.Feed(_board,
            led.Declared(at: 1, code: "INC-LED", lead: "moh"),
            joined.Declared(at: 2, code: "INC-JOINED", lead: "mes", participating: ["moh"]),
            unrelated.Declared(at: 3, code: "INC-OTHER", lead: "mes", participating: ["akimat-almaty"]));

        Codes(new IncidentBoardQuery(Agency: "moh")).Should().Equal("INC-JOINED", "INC-LED");
    }

    [Fact]
    public void text_search_matches_code_or_title_ignoring_case()
    {
        var (flood, fire) = (new Facts(), new Facts());
        _store.Feed(_board,
            flood.Declared(at: 1, code: "INC-2026-0042", title: "Паводок в Алматы"),
            fire.Declared(at: 2, code: "INC-2026-0043", title: "Steppe fire near Karaganda"));

        Codes(new IncidentBoardQuery(Text: "паводок")).Should().Equal("INC-2026-0042");
        Codes(new IncidentBoardQuery(Text: "STEPPE")).Should().Equal("INC-2026-0043");
        Codes(new IncidentBoardQuery(Text: "inc-2026-004")).Should().Equal("INC-2026-0043", "INC-2026-0042");
        Codes(new IncidentBoardQuery(Text: "earthquake")).Should().BeEmpty();
    }

    [Fact]
    public void board_pages_with_a_total_count()
    {
        for (var i = 1; i <= 5; i++)
        {
            _store.Feed(_board, new Facts().Declared(at: i, code: $"INC-{i}"));
        }

        var second = _board.Query(new IncidentBoardQuery(Page: 2, PageSize: 2), Everyone);
        second.Items.Select(i => i.Code).Should().Equal("INC-3", "INC-2");
        second.Should().BeEquivalentTo(new { Number = 2, Size = 2, TotalCount = 5, TotalPages = 3, HasNext = true });

        var last = _board.Query(new IncidentBoardQuery(Page: 3, PageSize: 2), Everyone);
        last.Items.Select(i => i.Code).Should().Equal("INC-1");
        last.HasNext.Should().BeFalse();

        var beyond = _board.Query(new IncidentBoardQuery(Page: 9, PageSize: 2), Everyone);
        beyond.Items.Should().BeEmpty();
        beyond.TotalCount.Should().Be(5);
    }

    [Fact]
    public void page_size_is_capped_and_page_numbers_start_at_one()
    {
        for (var i = 1; i <= 3; i++)
        {
            _store.Feed(_board, new Facts().Declared(at: i, code: $"INC-{i}"));
        }

        var page = _board.Query(new IncidentBoardQuery(Page: 0, PageSize: 10_000), Everyone);

        page.Number.Should().Be(1);
        page.Size.Should().Be(IncidentBoardQuery.MaxPageSize);
        page.Items.Should().HaveCount(3);
    }

    [Fact]
    public void incidents_the_caller_cannot_see_are_neither_listed_nor_counted()
    {
        var (open, restricted) = (new Facts(), new Facts());
        _store.Feed(_board,
            open.Declared(at: 1, code: "INC-OPEN"),
            restricted.Declared(at: 2, code: "INC-RESTRICTED", lead: "knb", visibility: Visibility.Restricted));

        bool OutsiderOfKnb(IncidentSummary i) => i.Visibility == Visibility.Normal || i.Involves("mes-press");
        var page = _board.Query(IncidentBoardQuery.All, OutsiderOfKnb);

        page.Items.Select(i => i.Code).Should().Equal("INC-OPEN");
        page.TotalCount.Should().Be(1);
    }

    private IEnumerable<string> Codes(IncidentBoardQuery query) => _board.Query(query, Everyone).Items.Select(i => i.Code);
}
