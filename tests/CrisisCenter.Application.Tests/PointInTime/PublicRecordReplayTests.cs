using CrisisCenter.Application.PointInTime;
using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Tests.Support;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Tests.PointInTime;

/// <summary>
/// A hand-built flood (minutes after <see cref="Facts.T0"/>) replayed to moments on and around its events. The rule
/// under test: an event counts when its time is at or before the moment asked about (inclusive boundary).
/// </summary>
public sealed class PublicRecordReplayTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private readonly Facts _flood = new();
    private readonly StoreOrder _store = new();
    private readonly List<ProjectedEvent> _history = [];

    private readonly Guid _holding = Guid.NewGuid();
    private readonly Guid _update = Guid.NewGuid();
    private readonly Guid _correction = Guid.NewGuid();
    private readonly Guid _retraction = Guid.NewGuid();
    private readonly Guid _rebuttal = Guid.NewGuid();
    private readonly Guid _approvedOnly = Guid.NewGuid();
    private readonly Guid _dam = Guid.NewGuid();
    private readonly Guid _bridge = Guid.NewGuid();
    private readonly Guid _tgKk = Guid.NewGuid();
    private readonly Guid _tgRu = Guid.NewGuid();

    public PublicRecordReplayTests()
    {
        Record(
            _flood.Declared(at: 0, severity: Severity.Moderate),
            _flood.RumorLogged(5, _dam), _flood.RumorLogged(6, _bridge),

            // Holding: published at 25 on telegram (kk delivered 26, ru failed 27 then delivered 29).
            _flood.Drafted(10, _holding), _flood.Submitted(12, _holding), _flood.Approved(20, _holding, "chief-1", 1, 1),
            _flood.Published(25, _holding),
            _flood.PostScheduled(25, _tgKk, _holding, "telegram", Language.Kk),
            _flood.PostScheduled(25, _tgRu, _holding, "telegram", Language.Ru),
            _flood.Delivered(26, _tgKk), _flood.Failed(27, _tgRu), _flood.Delivered(29, _tgRu, attempt: 2),

            // Update: revision 1 drafted, revision 2 published at 33.
            _flood.Drafted(30, _update, kind: StatementKind.Update), _flood.Revised(31, _update, 2, kind: StatementKind.Update),
            _flood.Submitted(32, _update, 2, kind: StatementKind.Update),
            _flood.Approved(32.5, _update, "chief-1", 1, 1, revision: 2, kind: StatementKind.Update),
            _flood.Published(33, _update, revision: 2, kind: StatementKind.Update),

            _flood.SeverityChanged(35, Severity.Moderate, Severity.Severe),

            // Correction of the holding statement, published at exactly 40.
            _flood.Drafted(36, _correction, kind: StatementKind.Correction, referencesStatement: _holding),
            _flood.Submitted(37, _correction, kind: StatementKind.Correction),
            _flood.Approved(38, _correction, "chief-1", 1, 1, kind: StatementKind.Correction),
            _flood.Published(40, _correction, kind: StatementKind.Correction),

            // Rebuttal of the dam rumour at 50.
            _flood.Drafted(45, _rebuttal, kind: StatementKind.Rebuttal, referencesRumor: _dam),
            _flood.RumorAssessed(46, _dam),
            _flood.Published(50, _rebuttal, kind: StatementKind.Rebuttal), _flood.RumorRebutted(50, _dam, _rebuttal),

            // Retraction of the update, published at exactly 55; one statement approved but never published.
            _flood.Drafted(52, _retraction, kind: StatementKind.Retraction, referencesStatement: _update),
            _flood.Published(55, _retraction, kind: StatementKind.Retraction),
            _flood.Drafted(56, _approvedOnly), _flood.Submitted(57, _approvedOnly), _flood.Approved(58, _approvedOnly, "chief-1", 1, 1),

            _flood.RumorClosed(59, _bridge),
            _flood.Stabilized(60));
    }

    private void Record(params IncidentEvent[] events) => _history.AddRange(events.Select(e => _store.Record(e)));

    private PublicRecord At(double minutes) => PublicRecordReplay.AsOf(_flood.Id, _history, Facts.At(minutes));

    private PublicRecord At(DateTimeOffset moment) => PublicRecordReplay.AsOf(_flood.Id, _history, moment);

    private static PublicStatement Statement(PublicRecord record, Guid id) => record.Statements.Single(s => s.StatementId == id);

    [Fact]
    public void before_the_declaration_nothing_was_public()
    {
        var record = At(Facts.T0 - Tick);

        record.Declared.Should().BeFalse();
        record.LastPosition.Should().BeNull();
        record.EventsFolded.Should().Be(0);
        record.Statements.Should().BeEmpty();
    }

    [Fact]
    public void the_declaration_counts_at_its_own_instant()
    {
        var record = At(Facts.T0);

        record.Declared.Should().BeTrue();
        record.Status.Should().Be(IncidentStatus.Active);
        record.LastPosition.Should().Be(_history[0].Position);
        record.EventsFolded.Should().Be(1);
    }

    [Fact]
    public void a_statement_is_public_from_the_instant_of_its_publication_not_a_tick_earlier()
    {
        At(Facts.At(25) - Tick).Statements.Should().BeEmpty();

        var record = At(25);
        var holding = Statement(record, _holding);
        holding.Status.Should().Be(StatementStatus.Published);
        holding.Revision.Should().Be(1);
        holding.PublishedAt.Should().Be(Facts.At(25));
        holding.Languages.Should().Equal(Language.Kk, Language.Ru);
        holding.Content[Language.Ru].Should().Be(Facts.Content(1)[Language.Ru]);
    }

    [Fact]
    public void the_published_revision_and_its_text_are_shown_not_earlier_drafts()
    {
        var update = Statement(At(33), _update);

        update.Revision.Should().Be(2);
        update.ContentHash.Should().Be(Facts.Hash(StatementKind.Update, 2));
        update.Content[Language.Kk].Headline.Should().Be(Facts.Content(2)[Language.Kk].Headline);
    }

    [Fact]
    public void a_correction_published_after_the_moment_does_not_count()
    {
        var record = At(Facts.At(40) - Tick);

        Statement(record, _holding).Status.Should().Be(StatementStatus.Published);
        Statement(record, _holding).SupersededBy.Should().BeNull();
        record.Statements.Should().NotContain(s => s.StatementId == _correction);
    }

    [Fact]
    public void a_correction_published_at_the_moment_marks_the_original_corrected()
    {
        var record = At(40);

        Statement(record, _holding).Status.Should().Be(StatementStatus.Corrected);
        Statement(record, _holding).SupersededBy.Should().Be(_correction);
        Statement(record, _correction).Status.Should().Be(StatementStatus.Published);
        Statement(record, _correction).ReferencesStatementId.Should().Be(_holding);
    }

    [Fact]
    public void a_retraction_marks_the_original_retracted_only_from_its_publication()
    {
        Statement(At(Facts.At(55) - Tick), _update).Status.Should().Be(StatementStatus.Published);

        var record = At(55);
        Statement(record, _update).Status.Should().Be(StatementStatus.Retracted);
        Statement(record, _update).SupersededBy.Should().Be(_retraction);
        Statement(record, _retraction).Kind.Should().Be(StatementKind.Retraction);
    }

    [Fact]
    public void approved_but_unpublished_statements_were_not_public()
    {
        At(70).Statements.Should().NotContain(s => s.StatementId == _approvedOnly);
        At(70).Statements.Select(s => s.StatementId).Should().Equal(_holding, _update, _correction, _rebuttal, _retraction);
    }

    [Fact]
    public void channel_posts_stand_where_their_last_outcome_by_then_left_them()
    {
        PostStatus(At(25)).Should().Equal((Language.Kk, ChannelPostStatus.Scheduled), (Language.Ru, ChannelPostStatus.Scheduled));
        PostStatus(At(26)).Should().Equal((Language.Kk, ChannelPostStatus.Delivered), (Language.Ru, ChannelPostStatus.Scheduled));
        PostStatus(At(27)).Should().Equal((Language.Kk, ChannelPostStatus.Delivered), (Language.Ru, ChannelPostStatus.Failed));
        PostStatus(At(Facts.At(29) - Tick)).Should().Contain((Language.Ru, ChannelPostStatus.Failed));
        PostStatus(At(29)).Should().Equal((Language.Kk, ChannelPostStatus.Delivered), (Language.Ru, ChannelPostStatus.Delivered));
        At(29).ChannelPosts.Single(p => p.PostId == _tgRu).Attempts.Should().Be(2);

        static IEnumerable<(Language, ChannelPostStatus)> PostStatus(PublicRecord record) =>
            record.ChannelPosts.Where(p => p.Channel == "telegram").OrderBy(p => p.Language).Select(p => (p.Language, p.Status));
    }

    [Fact]
    public void a_rumour_is_open_until_the_instant_it_is_rebutted_or_closed()
    {
        At(49).OpenRumors.Select(r => r.RumorId).Should().Equal(_dam, _bridge);
        At(49).OpenRumors.Single(r => r.RumorId == _dam).Verdict.Should().Be(RumorVerdict.False);
        At(50).OpenRumors.Select(r => r.RumorId).Should().Equal(_bridge);
        At(Facts.At(59) - Tick).OpenRumors.Should().HaveCount(1);
        At(59).OpenRumors.Should().BeEmpty();
    }

    [Fact]
    public void status_and_severity_are_those_in_force_at_the_moment()
    {
        At(Facts.At(35) - Tick).Severity.Should().Be(Severity.Moderate);
        At(35).Severity.Should().Be(Severity.Severe);
        At(Facts.At(60) - Tick).Status.Should().Be(IncidentStatus.Active);
        At(60).Status.Should().Be(IncidentStatus.Stabilized);
    }

    [Fact]
    public void the_moment_is_an_instant_whatever_its_offset()
    {
        var inUtc = Facts.At(40).ToUniversalTime();

        At(inUtc).Should().BeEquivalentTo(At(40), options => options.Excluding(r => r.At));
        Statement(At(inUtc), _holding).Status.Should().Be(StatementStatus.Corrected);
    }

    [Fact]
    public void the_last_position_names_the_last_event_that_counted()
    {
        var record = At(40);
        var counted = _history.Where(e => e.Event.At <= Facts.At(40)).ToList();

        record.LastPosition.Should().Be(counted[^1].Position);
        record.EventsFolded.Should().Be(counted.Count);
        counted[^1].Event.Should().BeOfType<StatementPublished>();
    }

    [Fact]
    public void events_of_other_incidents_are_ignored()
    {
        var other = new Facts();
        var mixed = _history.Append(_store.Record(other.Declared(at: 1, title: "Another"))).ToList();

        PublicRecordReplay.AsOf(_flood.Id, mixed, Facts.At(70)).Should()
            .BeEquivalentTo(At(70));
    }
}
