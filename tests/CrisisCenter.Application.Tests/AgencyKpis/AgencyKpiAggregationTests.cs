using CrisisCenter.Application.AgencyKpis;
using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Tests.Support;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Tests.AgencyKpis;

/// <summary>Two scripted incidents of one agency with known times (minutes after T0), pooled.</summary>
public sealed class AgencyKpiAggregationTests
{
    private static (IncidentKpiReport, IncidentKpiEvidence) Measured(params IncidentEvent[] events)
    {
        var store = new StoreOrder();
        return IncidentKpis.Measure(events.Select(e => store.Record(e)).ToList())!.Value;
    }

    private readonly AgencyKpiReport _pooled;

    public AgencyKpiAggregationTests()
    {
        Facts flood = new(), fire = new();
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid(), p1 = Guid.NewGuid(), p2 = Guid.NewGuid(), p3 = Guid.NewGuid();
        var first = Measured(
            flood.Declared(0),
            // Approvals: 2 and 10 min; published at 20; posts delivered after 1 and (after one failure) 5 min.
            flood.Drafted(1, a), flood.Submitted(2, a), flood.Approved(4, a, "chief", 1, 1), flood.Published(20, a),
            flood.PostScheduled(20, p1, a, "telegram", Language.Kk), flood.Delivered(21, p1),
            flood.PostScheduled(20, p2, a, "telegram", Language.Ru), flood.Failed(22, p2), flood.Delivered(25, p2, 2),
            flood.Drafted(30, b), flood.Submitted(30, b), flood.Approved(40, b, "chief", 1, 1));
        var second = Measured(
            fire.Declared(0),
            // Approval: 6 min; published at 40 (a correction); its post abandoned.
            fire.Drafted(1, c, kind: StatementKind.Holding), fire.Submitted(2, c), fire.Approved(8, c, "chief", 1, 1), fire.Published(40, c),
            fire.PostScheduled(40, p3, c, "telegram", Language.Kk), fire.Failed(41, p3), fire.Abandoned(50, p3, 1));
        _pooled = AgencyKpiAggregation.Pool("mes", Facts.T0, Facts.At(1000), [first, second]);
    }

    [Fact]
    public void durations_are_pooled_over_every_sample_not_averaged_per_incident()
    {
        _pooled.ApprovalTurnaround.Count.Should().Be(3);
        _pooled.ApprovalTurnaround.Median.Should().Be(TimeSpan.FromMinutes(6)); // 2, 6, 10
        _pooled.ApprovalTurnaround.P90.Should().Be(TimeSpan.FromMinutes(10));
        // The flood's statement reached Telegram at 21; the fire's never reached anyone (its only post was abandoned).
        _pooled.TimeToFirstPublicStatement.Count.Should().Be(1);
        _pooled.TimeToFirstPublicStatement.Median.Should().Be(TimeSpan.FromMinutes(21));
    }

    [Fact]
    public void channel_failures_count_attempts_and_posts_needing_an_operator()
    {
        var telegram = _pooled.Channels.Single();

        telegram.Posts.Should().Be(3);
        telegram.Delivered.Should().Be(2);
        telegram.FailedAttempts.Should().Be(2);
        telegram.UndeliveredPosts.Should().Be(1);
        telegram.AttemptFailureRate.Should().Be(0.5);
        telegram.DeliveryLatency.Median.Should().Be(TimeSpan.FromMinutes(3)); // 1 and 5
    }

    [Fact]
    public void incidents_and_counts_are_summed()
    {
        _pooled.Incidents.Should().HaveCount(2);
        _pooled.PublishedStatements.Should().Be(2);
    }
}
