using CrisisCenter.Domain.Tests.Spec;
using static CrisisCenter.Domain.Tests.Spec.IncidentSpec;
using static CrisisCenter.Domain.Tests.Spec.Sample;

namespace CrisisCenter.Domain.Tests.Channels;

public class ChannelPostTests
{
    private static readonly Guid PostId = Scheduled("telegram", Language.Kk).PostId;

    private static RecordChannelPostDelivered Delivered(int attempt = 1, Actor? actor = null) =>
        new(IncidentId, By(actor ?? SystemActor, At(21)), PostId, attempt, "msg-1001", "https://t.me/mchs/1001");

    private static ChannelPostDelivered DeliveredEvent(int attempt = 1) =>
        new(IncidentId, Actor.SystemUserId, At(21), PostId, attempt, "msg-1001", "https://t.me/mchs/1001");

    private static ChannelPostFailed FailedEvent(int attempt) =>
        new(IncidentId, Actor.SystemUserId, At(21), PostId, attempt, "HTTP 502", At(22));

    [Fact]
    public void the_platform_records_a_delivery_with_external_id_and_url()
    {
        var state = Given(PublishedStatement()).When(Delivered()).Then(DeliveredEvent());
        var post = state.ChannelPosts[PostId];
        post.Status.Should().Be(ChannelPostStatus.Delivered);
        post.ExternalId.Should().Be("msg-1001");
        post.Attempts.Should().Be(1);
    }

    [Fact]
    public void delivery_outcomes_come_only_from_the_platform() =>
        Given(PublishedStatement()).When(Delivered(actor: PressOfficer)).ThenRejects(DomainErrors.SystemOnly, ErrorKind.Forbidden);

    [Fact]
    public void a_human_admin_is_not_the_platform() =>
        Given(PublishedStatement())
            .When(Delivered(actor: new Actor("u-admin", "Admin", LeadAgency, [Role.Admin])))
            .ThenRejects(DomainErrors.SystemOnly);

    [Fact]
    public void a_post_is_delivered_only_once() =>
        Given([.. PublishedStatement(), DeliveredEvent()]).When(Delivered(attempt: 2)).ThenRejects(DomainErrors.ChannelPostAlreadyDelivered, ErrorKind.Conflict);

    [Fact]
    public void a_failure_increments_the_attempts_and_keeps_the_retry_time()
    {
        var state = Given(PublishedStatement())
            .When(new RecordChannelPostFailed(IncidentId, By(SystemActor, At(21)), PostId, 1, "HTTP 502", At(22)))
            .Then(FailedEvent(1));
        var post = state.ChannelPosts[PostId];
        post.Status.Should().Be(ChannelPostStatus.Failed);
        post.Attempts.Should().Be(1);
        post.NextRetryAt.Should().Be(At(22));
    }

    [Fact]
    public void a_failed_post_is_delivered_on_a_later_attempt() =>
        Given([.. PublishedStatement(), FailedEvent(1)]).When(Delivered(attempt: 2)).Then(DeliveredEvent(attempt: 2));

    [Fact]
    public void attempts_are_reported_in_sequence() =>
        Given([.. PublishedStatement(), FailedEvent(1)]).When(Delivered(attempt: 1)).ThenRejects(DomainErrors.ChannelPostAttemptOutOfSequence, ErrorKind.Conflict);

    [Fact]
    public void an_unknown_post_is_not_found() =>
        Given(PublishedStatement())
            .When(new RecordChannelPostDelivered(IncidentId, By(SystemActor), Guid.NewGuid(), 1, "x"))
            .ThenRejects(DomainErrors.ChannelPostNotFound, ErrorKind.NotFound);

    [Fact]
    public void a_post_is_abandoned_after_failures()
    {
        var state = Given([.. PublishedStatement(), FailedEvent(1), FailedEvent(2)])
            .When(new AbandonChannelPost(IncidentId, By(SystemActor, At(21)), PostId, 2, "HTTP 502"))
            .Then(new ChannelPostAbandoned(IncidentId, Actor.SystemUserId, At(21), PostId, 2, "HTTP 502"));
        state.ChannelPosts[PostId].Status.Should().Be(ChannelPostStatus.Abandoned);
    }

    [Fact]
    public void an_abandoned_post_waits_for_an_operator() =>
        Given([.. PublishedStatement(), new ChannelPostAbandoned(IncidentId, Actor.SystemUserId, At(21), PostId, 0, "Channel disabled")])
            .When(Delivered())
            .ThenRejects(DomainErrors.ChannelPostAwaitingOperator, ErrorKind.Conflict);

    [Fact]
    public void an_interrupted_send_is_marked_uncertain()
    {
        var state = Given(PublishedStatement())
            .When(new MarkChannelPostUncertain(IncidentId, By(SystemActor, At(21)), PostId, 1, "Node stopped mid-send"))
            .Then(new ChannelPostUncertain(IncidentId, Actor.SystemUserId, At(21), PostId, 1, "Node stopped mid-send"));
        state.ChannelPosts[PostId].AwaitsOperator.Should().BeTrue();
    }

    [Fact]
    public void an_uncertain_post_is_not_retried_by_the_dispatcher() =>
        Given([.. PublishedStatement(), new ChannelPostUncertain(IncidentId, Actor.SystemUserId, At(21), PostId, 1, "Interrupted")])
            .When(new RecordChannelPostFailed(IncidentId, By(SystemActor), PostId, 2, "HTTP 502"))
            .ThenRejects(DomainErrors.ChannelPostAwaitingOperator);

    [Fact]
    public void deliveries_are_recorded_even_after_the_incident_closed() =>
        Given([.. PublishedStatement(), new IncidentClosed(IncidentId, PressOfficer.UserId, At(20), "Over")])
            .When(Delivered())
            .Then(DeliveredEvent());
}
