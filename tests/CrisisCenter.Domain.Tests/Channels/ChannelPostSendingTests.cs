using static CrisisCenter.Domain.Tests.Spec.IncidentSpec;
using static CrisisCenter.Domain.Tests.Spec.Sample;

namespace CrisisCenter.Domain.Tests.Channels;

public class ChannelPostSendingTests
{
    private static readonly Guid PostId = Scheduled("telegram", Language.Kk).PostId;

    private static RecordChannelPostSending Sending(int attempt = 1, Actor? actor = null) =>
        new(IncidentId, By(actor ?? SystemActor, At(21)), PostId, attempt);

    private static ChannelPostSending SendingEvent(int attempt = 1) => new(IncidentId, Actor.SystemUserId, At(21), PostId, attempt);

    [Fact]
    public void the_platform_records_that_a_send_began_before_making_it()
    {
        var state = Given(PublishedStatement()).When(Sending()).Then(SendingEvent());
        state.ChannelPosts[PostId].Status.Should().Be(ChannelPostStatus.Sending);
        state.ChannelPosts[PostId].Attempts.Should().Be(0, "the attempt counts once its outcome is recorded");
    }

    [Fact]
    public void only_the_platform_records_a_send() =>
        Given(PublishedStatement()).When(Sending(actor: PressOfficer)).ThenRejects(DomainErrors.SystemOnly, ErrorKind.Forbidden);

    [Fact]
    public void a_post_already_sending_cannot_be_sent_again_before_its_outcome_is_known() =>
        Given([.. PublishedStatement(), SendingEvent()])
            .When(Sending())
            .ThenRejects(DomainErrors.ChannelPostAlreadySending, ErrorKind.Conflict);

    [Fact]
    public void the_attempt_in_flight_is_the_next_one() =>
        Given(PublishedStatement()).When(Sending(attempt: 2)).ThenRejects(DomainErrors.ChannelPostAttemptOutOfSequence);

    [Fact]
    public void the_outcome_of_the_attempt_in_flight_is_recorded_with_its_number()
    {
        var state = Given([.. PublishedStatement(), SendingEvent()])
            .When(new RecordChannelPostDelivered(IncidentId, By(SystemActor, At(22)), PostId, 1, "msg-7"))
            .Then(new ChannelPostDelivered(IncidentId, Actor.SystemUserId, At(22), PostId, 1, "msg-7", null));
        state.ChannelPosts[PostId].Status.Should().Be(ChannelPostStatus.Delivered);
    }

    [Fact]
    public void a_send_found_in_flight_after_a_restart_becomes_uncertain()
    {
        var state = Given([.. PublishedStatement(), SendingEvent()])
            .When(new MarkChannelPostUncertain(IncidentId, By(SystemActor, At(25)), PostId, 1, "Interrupted"))
            .Then(new ChannelPostUncertain(IncidentId, Actor.SystemUserId, At(25), PostId, 1, "Interrupted"));
        state.ChannelPosts[PostId].AwaitsOperator.Should().BeTrue();
    }

    [Fact]
    public void a_failed_attempt_lets_the_next_one_be_sent() =>
        Given([.. PublishedStatement(), SendingEvent(), new ChannelPostFailed(IncidentId, Actor.SystemUserId, At(22), PostId, 1, "HTTP 429", At(23))])
            .When(Sending(attempt: 2))
            .Then(SendingEvent(attempt: 2));

    [Fact]
    public void an_uncertain_post_is_never_sent_again_by_the_platform() =>
        Given([.. PublishedStatement(), new ChannelPostUncertain(IncidentId, Actor.SystemUserId, At(21), PostId, 1, "Interrupted")])
            .When(Sending(attempt: 2))
            .ThenRejects(DomainErrors.ChannelPostAwaitingOperator);
}
