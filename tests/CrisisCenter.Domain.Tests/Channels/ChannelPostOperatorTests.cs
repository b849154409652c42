using static CrisisCenter.Domain.Tests.Spec.IncidentSpec;
using static CrisisCenter.Domain.Tests.Spec.Sample;

namespace CrisisCenter.Domain.Tests.Channels;

public class ChannelPostOperatorTests
{
    private static readonly Guid PostId = Scheduled("telegram", Language.Kk).PostId;

    private static ChannelPostAbandoned AbandonedEvent() => new(IncidentId, Actor.SystemUserId, At(21), PostId, 5, "HTTP 502");

    private static ChannelPostUncertain UncertainEvent() => new(IncidentId, Actor.SystemUserId, At(21), PostId, 1, "Interrupted");

    [Fact]
    public void a_press_officer_hands_an_abandoned_post_back_to_the_dispatcher()
    {
        var state = Given([.. PublishedStatement(), AbandonedEvent()])
            .When(new RetryChannelPost(IncidentId, By(PressOfficer, At(40)), PostId, "Channel is back"))
            .Then(new ChannelPostRetryRequested(IncidentId, PressOfficer.UserId, At(40), PostId, ChannelPostStatus.Abandoned, "Channel is back"));
        var post = state.ChannelPosts[PostId];
        post.Status.Should().Be(ChannelPostStatus.Scheduled);
        post.Attempts.Should().Be(5, "attempts go on counting after a retry");
        post.AttemptsBeforeRetry.Should().Be(5, "the dispatcher starts a new round of attempts from here");
        post.AwaitsOperator.Should().BeFalse();
    }

    [Fact]
    public void after_a_retry_the_dispatcher_reports_the_next_attempt() =>
        Given([.. PublishedStatement(), AbandonedEvent(), new ChannelPostRetryRequested(IncidentId, PressOfficer.UserId, At(40), PostId, ChannelPostStatus.Abandoned, null)])
            .When(new RecordChannelPostDelivered(IncidentId, By(SystemActor, At(41)), PostId, 6, "msg-1"))
            .Then(new ChannelPostDelivered(IncidentId, Actor.SystemUserId, At(41), PostId, 6, "msg-1", null));

    [Fact]
    public void an_operator_re_sends_an_uncertain_post_after_checking_it_did_not_go_out() =>
        Given([.. PublishedStatement(), UncertainEvent()])
            .When(new RetryChannelPost(IncidentId, By(PressOfficer, At(40)), PostId))
            .Then(new ChannelPostRetryRequested(IncidentId, PressOfficer.UserId, At(40), PostId, ChannelPostStatus.Uncertain, null));

    [Fact]
    public void a_post_still_in_the_dispatchers_hands_is_not_retried_by_hand() =>
        Given(PublishedStatement())
            .When(new RetryChannelPost(IncidentId, By(PressOfficer), PostId))
            .ThenRejects(DomainErrors.ChannelPostNotAwaitingOperator, ErrorKind.Conflict);

    [Fact]
    public void only_press_officers_of_the_incident_retry_posts() =>
        Given([.. PublishedStatement(), AbandonedEvent()])
            .When(new RetryChannelPost(IncidentId, By(OutsidePressOfficer), PostId))
            .ThenRejects(DomainErrors.NotPressOfficerOfIncident, ErrorKind.Forbidden);

    [Fact]
    public void an_operator_confirms_that_an_uncertain_post_went_out()
    {
        var state = Given([.. PublishedStatement(), UncertainEvent()])
            .When(new ConfirmChannelPostDelivered(IncidentId, By(PressOfficer, At(40)), PostId, "1001", "https://t.me/mchs_kz/1001", "Seen in the channel"))
            .Then(new ChannelPostDeliveryConfirmed(IncidentId, PressOfficer.UserId, At(40), PostId, "1001", "https://t.me/mchs_kz/1001", "Seen in the channel"));
        var post = state.ChannelPosts[PostId];
        post.Status.Should().Be(ChannelPostStatus.Delivered);
        post.ExternalId.Should().Be("1001");
    }

    [Fact]
    public void only_an_uncertain_post_is_confirmed_by_hand() =>
        Given([.. PublishedStatement(), AbandonedEvent()])
            .When(new ConfirmChannelPostDelivered(IncidentId, By(PressOfficer), PostId))
            .ThenRejects(DomainErrors.ChannelPostNotUncertain, ErrorKind.Conflict);

    [Fact]
    public void a_confirmed_url_must_be_a_link() =>
        Given([.. PublishedStatement(), UncertainEvent()])
            .When(new ConfirmChannelPostDelivered(IncidentId, By(PressOfficer), PostId, "1001", "javascript:alert(1)"))
            .ThenRejects(DomainErrors.InvalidLink);

    [Fact]
    public void an_unknown_post_is_not_found() =>
        Given(PublishedStatement())
            .When(new RetryChannelPost(IncidentId, By(PressOfficer), Guid.NewGuid()))
            .ThenRejects(DomainErrors.ChannelPostNotFound, ErrorKind.NotFound);
}
