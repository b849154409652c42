using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Tests.Support;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Tests.Kpis;

/// <summary>One scripted severe flood with known times (minutes after T0), measured end to end.</summary>
public sealed class IncidentKpisTests
{
    private readonly IncidentKpis _kpis = new();
    private readonly StoreOrder _store = new();
    private readonly Facts _flood = new();

    private readonly Guid _holding = Guid.NewGuid();
    private readonly Guid _update = Guid.NewGuid();
    private readonly Guid _correction = Guid.NewGuid();
    private readonly Guid _late = Guid.NewGuid();
    private readonly Guid _damRebuttal = Guid.NewGuid();
    private readonly Guid _schoolRebuttal = Guid.NewGuid();
    private readonly Guid _dam = Guid.NewGuid();
    private readonly Guid _bridge = Guid.NewGuid();
    private readonly Guid _school = Guid.NewGuid();
    private readonly Guid _power = Guid.NewGuid();

    public IncidentKpisTests()
    {
        Guid Post() => Guid.NewGuid();
        var (tgKk, tgRu, webKk, webRu, webEn, tgRuFix, tgKkFix) = (Post(), Post(), Post(), Post(), Post(), Post(), Post());
        var (gauge, gaugeFix) = (Guid.NewGuid(), Guid.NewGuid());

        _store.Feed(_kpis,
            _flood.Declared(at: 0, severity: Severity.Severe),

            // Holding: submitted 12, second approval 20 -> 8 min; published 25 (first public statement).
            _flood.Drafted(10, _holding), _flood.Submitted(12, _holding),
            _flood.Approved(15, _holding, "chief-1", 1, 2), _flood.Approved(20, _holding, "chief-2", 2, 2),
            _flood.Published(25, _holding, channels: ["telegram", "website"]),
            _flood.PostScheduled(25, tgKk, _holding, "telegram", Language.Kk),
            _flood.PostScheduled(25, tgRu, _holding, "telegram", Language.Ru),
            _flood.PostScheduled(25, webKk, _holding, "website", Language.Kk),
            _flood.PostScheduled(25, webRu, _holding, "website", Language.Ru),
            _flood.PostScheduled(25, webEn, _holding, "website", Language.En),
            _flood.Delivered(25.5, webKk),
            _flood.Delivered(26, tgKk),
            _flood.Failed(26, tgRu, 1), _flood.Failed(26, webEn, 1), _flood.Failed(27, webRu, 1),
            _flood.Failed(28, tgRu, 2), _flood.Delivered(31, tgRu, 3),
            _flood.Abandoned(40, webRu, 1),

            // Update: revision 1 rejected (never approved enough, not measured); revision 2 submitted 50, approved 64 -> 14 min.
            _flood.Drafted(30, _update, kind: StatementKind.Update), _flood.Submitted(32, _update, kind: StatementKind.Update),
            _flood.Approved(40, _update, "chief-1", 1, 2, kind: StatementKind.Update), _flood.Rejected(41, _update, "chief-2"),
            _flood.Revised(45, _update, 2, kind: StatementKind.Update), _flood.Submitted(50, _update, 2, kind: StatementKind.Update),
            _flood.Approved(55, _update, "chief-1", 1, 2, revision: 2, kind: StatementKind.Update),
            _flood.Approved(64, _update, "chief-2", 2, 2, revision: 2, kind: StatementKind.Update),

            // Correction of the holding statement: submitted 71, approved 76 -> 5 min; published 80; its posts wait until 90.
            _flood.Drafted(70, _correction, kind: StatementKind.Correction, referencesStatement: _holding),
            _flood.Submitted(71, _correction, kind: StatementKind.Correction),
            _flood.Approved(72, _correction, "chief-1", 1, 2, kind: StatementKind.Correction),
            _flood.Approved(76, _correction, "chief-2", 2, 2, kind: StatementKind.Correction),
            _flood.Published(80, _correction, kind: StatementKind.Correction),
            _flood.PostScheduled(80, tgRuFix, _correction, "telegram", Language.Ru, notBefore: 90, action: ChannelPostAction.Correct),
            _flood.PostScheduled(80, tgKkFix, _correction, "telegram", Language.Kk, action: ChannelPostAction.Correct),
            _flood.Uncertain(81, tgKkFix),
            _flood.Delivered(93, tgRuFix),

            // Late statement: submitted 90, one of two approvals at 91, severity lowered at 100 -> approved enough, 10 min.
            _flood.Drafted(89, _late), _flood.Submitted(90, _late), _flood.Approved(91, _late, "chief-1", 1, 2),
            _flood.SeverityChanged(100, Severity.Severe, Severity.Moderate),
            _flood.RequirementChanged(100, _late, soFar: 1, required: 1),

            // Rumours: dam logged 20 rebutted 80 (60 min); bridge closed; school logged 60 rebutted 85 (25 min); power stays open.
            _flood.RumorLogged(20, _dam), _flood.RumorLogged(30, _bridge), _flood.RumorClosed(50, _bridge),
            _flood.RumorLogged(60, _school), _flood.RumorLogged(95, _power),
            _flood.Drafted(75, _damRebuttal, kind: StatementKind.Rebuttal, referencesRumor: _dam),
            _flood.Published(80, _damRebuttal, kind: StatementKind.Rebuttal), _flood.RumorRebutted(80, _dam, _damRebuttal),
            _flood.Drafted(82, _schoolRebuttal, kind: StatementKind.Rebuttal, referencesRumor: _school),
            _flood.Published(85, _schoolRebuttal, kind: StatementKind.Rebuttal), _flood.RumorRebutted(85, _school, _schoolRebuttal),

            _flood.UpdateLogged(33, gauge), _flood.UpdateCorrected(34, gaugeFix, gauge));
    }

    private IncidentKpiReport Report => _kpis.For(_flood.Id)!;

    [Fact]
    public void time_to_first_public_statement_runs_from_declaration_to_the_first_delivered_post()
    {
        // Published at 25; the website had it in Kazakh at 25.5.
        Report.DeclaredAt.Should().Be(Facts.T0);
        Report.FirstStatementPublishedAt.Should().Be(Facts.At(25.5));
        Report.TimeToFirstPublicStatement.Should().Be(TimeSpan.FromMinutes(25.5));
    }

    [Fact]
    public void a_statement_whose_posts_all_fail_is_not_public_and_its_channel_shows_the_failures()
    {
        var quake = new Facts();
        var statement = Guid.NewGuid();
        var (kk, ru) = (Guid.NewGuid(), Guid.NewGuid());
        _store.Feed(_kpis,
            quake.Declared(at: 0, severity: Severity.Moderate),
            quake.Drafted(5, statement), quake.Submitted(6, statement), quake.Approved(7, statement, "chief-1", 1, 1),
            quake.Published(8, statement, channels: ["telegram"]),
            quake.PostScheduled(8, kk, statement, "telegram", Language.Kk),
            quake.PostScheduled(8, ru, statement, "telegram", Language.Ru),
            quake.Abandoned(8, kk, 0), quake.Abandoned(8, ru, 0));

        var report = _kpis.For(quake.Id)!;
        report.FirstStatementPublishedAt.Should().BeNull();
        report.TimeToFirstPublicStatement.Should().BeNull();
        report.Channels.Single().Should().Match<ChannelDeliveryStats>(c => c.Posts == 2 && c.Delivered == 0 && c.Abandoned == 2 && c.FailedAttempts == 2,
            "a post abandoned before it was sent (channel not configured) is a failed attempt, so the channel shows a failure rate");

        _store.Feed(_kpis, quake.Delivered(12, ru, 1));

        _kpis.For(quake.Id)!.TimeToFirstPublicStatement.Should().Be(TimeSpan.FromMinutes(12));
    }

    [Fact]
    public void approval_turnaround_measures_each_revision_from_submission_to_enough_approvals()
    {
        // 8, 14, 5 and 10 minutes: median (8 + 10) / 2 = 9, nearest-rank p90 = 4th of 4 = 14.
        Report.ApprovalTurnaround.Should().Be(new DurationStats(4, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(14)));
    }

    [Fact]
    public void rumours_count_open_ones_and_measure_logged_to_rebutted()
    {
        Report.RumorsLogged.Should().Be(4);
        Report.OpenRumors.Should().Be(1);
        Report.RumorLoggedToRebutted.Should().Be(new DurationStats(2, TimeSpan.FromMinutes(42.5), TimeSpan.FromMinutes(60)));
    }

    [Fact]
    public void publications_and_corrections_are_counted()
    {
        Report.PublishedStatements.Should().Be(4);
        Report.CorrectionsPublished.Should().Be(1);
        Report.RetractionsPublished.Should().Be(0);
        Report.SituationUpdateCorrections.Should().Be(1);
    }

    [Fact]
    public void deliveries_are_counted_per_channel_with_latency_from_when_a_post_could_be_sent()
    {
        Report.Channels.Should().BeEquivalentTo(
            new[]
            {
                // telegram latencies: kk 1 min, ru 6 min, ru correction 3 min after its not-before time.
                new ChannelDeliveryStats("telegram", Posts: 4, Delivered: 3, Failing: 0, Abandoned: 0, Uncertain: 1, FailedAttempts: 2,
                    new DurationStats(3, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(6))),
                new ChannelDeliveryStats("website", Posts: 3, Delivered: 1, Failing: 1, Abandoned: 1, Uncertain: 0, FailedAttempts: 2,
                    new DurationStats(1, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30))),
            },
            options => options.WithStrictOrdering());
    }

    [Fact]
    public void measures_are_as_of_the_latest_event_time_not_a_clock()
    {
        Report.AsOf.Should().Be(Facts.At(100));
    }

    [Fact]
    public void a_report_read_earlier_is_refreshed_by_later_events()
    {
        Report.OpenRumors.Should().Be(1);

        _store.Feed(_kpis, _flood.RumorClosed(110, _power));

        Report.OpenRumors.Should().Be(0);
        Report.AsOf.Should().Be(Facts.At(110));
    }

    [Fact]
    public void an_incident_without_a_declaration_has_no_report()
    {
        var ghost = new Facts();
        _store.Feed(_kpis, ghost.RumorLogged(1, Guid.NewGuid()));

        _kpis.For(ghost.Id).Should().BeNull();
    }
}
