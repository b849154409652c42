using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Reports;
using CrisisCenter.Application.Tests.Support;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Tests.Reports;

/// <summary>A scripted severe flood with known times (minutes after T0), reported from its events.</summary>
public sealed class AfterActionReportTests
{
    private readonly Facts _flood = new();
    private readonly StoreOrder _store = new();
    private readonly List<ProjectedEvent> _history = [];
    private readonly Guid _holding = Guid.NewGuid();
    private readonly Guid _correction = Guid.NewGuid();
    private readonly Guid _rebuttal = Guid.NewGuid();
    private readonly Guid _dam = Guid.NewGuid();
    private readonly Guid _tgKk = Guid.NewGuid();
    private readonly Guid _tgRu = Guid.NewGuid();
    private readonly Guid _fixRu = Guid.NewGuid();
    private readonly AfterActionReport _report;

    public AfterActionReportTests()
    {
        Record(
            _flood.Declared(at: 0, severity: Severity.Severe),
            _flood.RumorLogged(5, _dam),
            // Holding: revision 1 submitted 10, rejected 12; revision 2 written 14, submitted 15, approved 18 + 21 (6 min).
            _flood.Drafted(8, _holding), _flood.Submitted(10, _holding), _flood.Rejected(12, _holding, "chief-1"),
            _flood.Revised(14, _holding, 2), _flood.Submitted(15, _holding, 2),
            _flood.Approved(18, _holding, "chief-1", 1, 2, revision: 2), _flood.Approved(21, _holding, "chief-2", 2, 2, revision: 2),
            _flood.Published(30, _holding, revision: 2),
            _flood.PostScheduled(30, _tgKk, _holding, "telegram", Language.Kk, revision: 2),
            _flood.PostScheduled(30, _tgRu, _holding, "telegram", Language.Ru, revision: 2),
            _flood.Delivered(31, _tgKk), _flood.Failed(31, _tgRu), _flood.Delivered(34, _tgRu, attempt: 2),
            _flood.RumorAssessed(35, _dam),
            _flood.Drafted(36, _rebuttal, kind: StatementKind.Rebuttal, referencesRumor: _dam),
            _flood.Published(45, _rebuttal, kind: StatementKind.Rebuttal), _flood.RumorRebutted(45, _dam, _rebuttal),
            _flood.Drafted(50, _correction, kind: StatementKind.Correction, referencesStatement: _holding),
            _flood.Submitted(51, _correction, kind: StatementKind.Correction),
            _flood.Approved(52, _correction, "chief-1", 1, 2, kind: StatementKind.Correction),
            _flood.Approved(55, _correction, "chief-2", 2, 2, kind: StatementKind.Correction),
            _flood.Published(60, _correction, kind: StatementKind.Correction),
            _flood.PostScheduled(60, _fixRu, _correction, "telegram", Language.Ru, action: ChannelPostAction.Correct),
            _flood.Delivered(62, _fixRu));
        _report = AfterActionReportBuilder.Build(_history)!;
    }

    private void Record(params IncidentEvent[] events) => _history.AddRange(events.Select(e => _store.Record(e)));

    private long PositionOf(Func<IncidentEvent, bool> match) => _history.Single(e => match(e.Event)).Position;

    private ReportStatement Statement(Guid id) => _report.Statements.Single(s => s.StatementId == id);

    [Fact]
    public void nothing_is_reported_for_a_history_without_a_declaration() =>
        AfterActionReportBuilder.Build([]).Should().BeNull();

    [Fact]
    public void the_timeline_has_one_line_per_event_in_store_order()
    {
        _report.Timeline.Select(t => t.Position).Should().Equal(_history.Select(e => e.Position));
        _report.EventCount.Should().Be(_history.Count);
        _report.LastPosition.Should().Be(_history[^1].Position);
        _report.AsOf.Should().Be(Facts.At(62));
    }

    [Fact]
    public void every_revision_is_reported_with_its_text_hash_and_the_change_from_the_one_before()
    {
        var holding = Statement(_holding);

        holding.Revisions.Select(r => r.Number).Should().Equal(1, 2);
        holding.Revisions[0].Changes.Should().BeEmpty();
        holding.Revisions[1].ContentHash.Should().Be(Facts.Hash(StatementKind.Holding, 2));
        holding.Revisions[1].Content[Language.Ru].Should().Be(Facts.Content(2)[Language.Ru]);
        holding.Revisions[1].Written.Position.Should().Be(PositionOf(e => e is StatementRevised));
        holding.Revisions[1].Changes.Select(c => (c.Language, c.Field)).Should().Equal((Language.Kk, "headline"), (Language.Ru, "headline"));
        holding.Revisions[1].Changes[1].Spans.Where(s => s.Operation != DiffOperation.Same).Should().Equal(
            new DiffSpan(DiffOperation.Removed, "1"), new DiffSpan(DiffOperation.Added, "2"));
    }

    [Fact]
    public void approvals_name_the_approver_time_hash_and_event()
    {
        var approvals = Statement(_holding).Revisions[1].Approvals;

        approvals.Select(a => (a.Approved.By, a.Approved.At, a.ContentHash)).Should().Equal(
            ("chief-1", Facts.At(18), Facts.Hash(StatementKind.Holding, 2)),
            ("chief-2", Facts.At(21), Facts.Hash(StatementKind.Holding, 2)));
        approvals[1].Approved.Position.Should().Be(PositionOf(e => e is StatementApproved { ApprovalsSoFar: 2, StatementId: var s } && s == _holding));
        Statement(_holding).Rejections.Single().Should().BeEquivalentTo(
            new ReportRejection(new Recorded("chief-1", Facts.At(12), PositionOf(e => e is StatementRejected)), 1, "Numbers unconfirmed."));
    }

    [Fact]
    public void publication_and_correction_are_reported_with_their_positions()
    {
        var holding = Statement(_holding);

        holding.Status.Should().Be(StatementStatus.Corrected);
        holding.Publication!.Published.At.Should().Be(Facts.At(30));
        holding.Publication.Revision.Should().Be(2);
        holding.SupersededBy.Should().Be(new ReportSupersession(
            _correction, StatementKind.Correction, Facts.At(60), PositionOf(e => e is StatementPublished { StatementId: var s } && s == _correction)));
    }

    [Fact]
    public void every_post_lists_each_delivery_outcome()
    {
        var ru = _report.ChannelPosts.Single(p => p.PostId == _tgRu);

        ru.Status.Should().Be(ChannelPostStatus.Delivered);
        ru.Outcomes.Select(o => (o.Outcome, o.Attempt, o.At)).Should().Equal(("Failed", 1, Facts.At(31)), ("Delivered", 2, Facts.At(34)));
        _report.ChannelPosts.Single(p => p.PostId == _fixRu).Action.Should().Be(ChannelPostAction.Correct);
    }

    [Fact]
    public void rumours_show_assessments_and_the_time_to_rebuttal()
    {
        var dam = _report.Rumors.Single();

        dam.Status.Should().Be(RumorStatus.Rebutted);
        dam.Assessments.Single().Verdict.Should().Be(RumorVerdict.False);
        dam.Rebuttal!.StatementId.Should().Be(_rebuttal);
        dam.Rebuttal.Delay.Should().Be(TimeSpan.FromMinutes(40));
        dam.Rebuttal.Position.Should().Be(PositionOf(e => e is RumorRebutted));
    }

    [Fact]
    public void kpis_are_those_of_the_kpi_read_model_with_the_events_behind_each_figure()
    {
        var live = new IncidentKpis();
        foreach (var e in _history) live.Apply(e);

        _report.Kpis.Should().BeEquivalentTo(live.For(_flood.Id));
        _report.Kpis.TimeToFirstPublicStatement.Should().Be(TimeSpan.FromMinutes(31), "the holding statement reached Telegram in Kazakh a minute after publishing");
        _report.KpiEvidence.FirstPublicStatement!.ToPosition.Should().Be(PositionOf(e => e is ChannelPostDelivered { PostId: var p } && p == _tgKk));
        _report.KpiEvidence.FirstPublicStatement.FromPosition.Should().Be(_history[0].Position);

        // Approval turnaround: holding revision 2 (15 -> 21 = 6 min), correction (51 -> 55 = 4 min); revision 1 was rejected.
        _report.KpiEvidence.ApprovalTurnarounds.Select(s => s.Duration).Should().Equal(TimeSpan.FromMinutes(6), TimeSpan.FromMinutes(4));
        _report.Kpis.ApprovalTurnaround.Median.Should().Be(TimeSpan.FromMinutes(5));
        _report.Kpis.ApprovalTurnaround.P90.Should().Be(TimeSpan.FromMinutes(6));
        _report.KpiEvidence.ApprovalTurnarounds[0].FromPosition.Should().Be(PositionOf(e => e is StatementSubmitted { Revision: 2 }));

        _report.KpiEvidence.RumorLoggedToRebutted.Single().Duration.Should().Be(TimeSpan.FromMinutes(40));
        _report.KpiEvidence.DeliveryLatencies.Select(d => d.Sample.Duration.TotalMinutes).Should().Equal(1, 4, 2);
        _report.KpiEvidence.CorrectionPositions.Should().Equal(PositionOf(e => e is StatementPublished { StatementId: var s } && s == _correction));
        _report.Kpis.CorrectionsPublished.Should().Be(1);
    }
}
