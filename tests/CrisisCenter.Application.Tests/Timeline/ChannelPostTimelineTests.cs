using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Tests.Support;
using CrisisCenter.Domain;

namespace CrisisCenter.Application.Tests.Timeline;

/// <summary>Every fact of a channel post's life is one timeline line naming the post, its statement, channel and language.</summary>
public sealed class ChannelPostTimelineTests
{
    private readonly IncidentTimeline _timeline = new();
    private readonly StoreOrder _store = new();
    private readonly Facts _flood = new();
    private readonly Guid _statement = Guid.NewGuid();
    private readonly Guid _post = Guid.NewGuid();

    private List<TimelineEntry> Feed(params IncidentEvent[] events) =>
        _store.Feed(_timeline, [_flood.Declared(), _flood.Drafted(1, _statement), _flood.PostScheduled(2, _post, _statement, "telegram", Language.Kk), .. events])[3..];

    private TimelineEntry Only(IncidentEvent e) => Feed(e).Single();

    [Fact]
    public void a_scheduled_post_names_its_channel_language_and_statement()
    {
        var entry = _store.Feed(_timeline, _flood.Declared(), _flood.Drafted(1, _statement),
            _flood.PostScheduled(2, _post, _statement, "telegram", Language.Kk, notBefore: 30))[^1];

        entry.Should().BeEquivalentTo(new
        {
            Type = "channel_post.scheduled.v1", Kind = TimelineKinds.ChannelPost, Summary = "Post scheduled on telegram (kk)",
            PostId = (Guid?)_post, StatementId = (Guid?)_statement, Language = "kk",
        });
        entry.Details.Should().Contain("channel", "telegram").And.ContainKey("notBefore").And.Contain("action", "Publish");
    }

    [Fact]
    public void a_send_in_flight_is_a_line_with_its_attempt() =>
        Only(new ChannelPostSending(_flood.Id, Actor.SystemUserId, Facts.At(3), _post, 1))
            .Should().BeEquivalentTo(new { Type = "channel_post.sending.v1", Summary = "Post on telegram (kk): sending attempt 1", PostId = (Guid?)_post, Language = "kk" });

    [Fact]
    public void a_delivery_carries_its_link()
    {
        var entry = Only(_flood.Delivered(3, _post, attempt: 2));

        entry.Summary.Should().Be("Post delivered on telegram (kk) at attempt 2: https://t.me/c/2");
        entry.Details.Should().Contain("url", "https://t.me/c/2").And.Contain("externalId", $"ext-{_post:N}");
    }

    [Fact]
    public void a_failure_says_when_the_next_attempt_is()
    {
        var entry = Only(_flood.Failed(3, _post));

        entry.Summary.Should().Be("Post on telegram (kk) failed at attempt 1, next attempt at 2026-03-01 03:04:00 UTC");
        entry.Details.Should().Contain("error", "HTTP 503").And.Contain("nextRetryAt", Facts.At(4).ToString("O"));
        entry.Details.Should().NotContainKey("alert", "the dispatcher is still on it");
    }

    [Fact]
    public void a_failure_without_a_retry_time_says_so() =>
        Only(new ChannelPostFailed(_flood.Id, Actor.SystemUserId, Facts.At(3), _post, 1, "HTTP 503", null))
            .Summary.Should().Be("Post on telegram (kk) failed at attempt 1, no automatic retry");

    [Fact]
    public void an_abandoned_post_is_an_alert_for_an_operator()
    {
        var entry = Only(_flood.Abandoned(3, _post, 6));

        entry.Summary.Should().Be("Alert: post on telegram (kk) abandoned after 6 attempts; an operator may retry it");
        entry.Details.Should().Contain("alert", "operator-action").And.Contain("attempts", "6").And.Contain("error", "HTTP 503");
    }

    [Fact]
    public void an_uncertain_post_asks_an_operator_to_confirm_or_resend()
    {
        var entry = Only(_flood.Uncertain(3, _post));

        entry.Summary.Should().Be("Post on telegram (kk) uncertain at attempt 1: an operator must confirm it or send it again");
        entry.Details.Should().Contain("alert", "operator-action").And.Contain("note", "Connection lost after sending.");
    }

    [Fact]
    public void an_operators_retry_and_confirmation_are_lines_of_their_own()
    {
        var entries = Feed(
            _flood.Abandoned(3, _post, 6),
            new ChannelPostRetryRequested(_flood.Id, "officer-2", Facts.At(4), _post, ChannelPostStatus.Abandoned, "Partner is back."),
            _flood.Uncertain(5, _post, 7),
            new ChannelPostDeliveryConfirmed(_flood.Id, "officer-2", Facts.At(6), _post, "1001", "https://t.me/mchs_kz/1001", "Seen in the channel."));

        entries.Select(e => (e.Type, e.Summary)).Should().Equal(
            ("channel_post.abandoned.v1", "Alert: post on telegram (kk) abandoned after 6 attempts; an operator may retry it"),
            ("channel_post.retry_requested.v1", "Operator handed the abandoned post on telegram (kk) back to the dispatcher"),
            ("channel_post.uncertain.v1", "Post on telegram (kk) uncertain at attempt 7: an operator must confirm it or send it again"),
            ("channel_post.delivery_confirmed.v1", "Operator confirmed the post on telegram (kk) as delivered: https://t.me/mchs_kz/1001"));
        entries[1].Should().BeEquivalentTo(new { ActorId = "officer-2", PostId = (Guid?)_post, StatementId = (Guid?)_statement, Kind = TimelineKinds.ChannelPost });
        entries[1].Details.Should().Contain("from", "Abandoned").And.Contain("note", "Partner is back.");
        entries[3].Details.Should().Contain("externalId", "1001").And.Contain("note", "Seen in the channel.");
    }
}
