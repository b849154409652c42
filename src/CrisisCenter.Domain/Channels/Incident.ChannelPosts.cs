namespace CrisisCenter.Domain;

public static partial class Incident
{
    private static Decision RecordDelivered(IncidentState state, RecordChannelPostDelivered c, IncidentPolicy policy) =>
        WithOpenPost(state, c, post =>
            (NextAttempt(post, c.Attempt)
             ?? Require.Text(c.ExternalId, "External id", policy.MaxLinkLength)
             ?? Require.OptionalText(c.Url, "Url", policy.MaxLinkLength))
            .Or(() => Accept(new ChannelPostDelivered(
                state.Id, c.Context.Actor.UserId, c.Context.At, c.PostId, c.Attempt, c.ExternalId, c.Url))));

    private static Decision RecordFailed(IncidentState state, RecordChannelPostFailed c, IncidentPolicy policy) =>
        WithOpenPost(state, c, post =>
            (NextAttempt(post, c.Attempt)
             ?? Require.Text(c.Error, "Error", policy.MaxNoteLength))
            .Or(() => Accept(new ChannelPostFailed(
                state.Id, c.Context.Actor.UserId, c.Context.At, c.PostId, c.Attempt, c.Error, c.NextRetryAt))));

    private static Decision Abandon(IncidentState state, AbandonChannelPost c, IncidentPolicy policy) =>
        WithOpenPost(state, c, post =>
            ((c.Attempts < post.Attempts
                 ? DomainError.Conflict(DomainErrors.ChannelPostAttemptOutOfSequence, $"The post already recorded {post.Attempts} attempts.")
                 : null)
             ?? Require.Text(c.Error, "Error", policy.MaxNoteLength))
            .Or(() => Accept(new ChannelPostAbandoned(
                state.Id, c.Context.Actor.UserId, c.Context.At, c.PostId, c.Attempts, c.Error))));

    private static Decision MarkUncertain(IncidentState state, MarkChannelPostUncertain c, IncidentPolicy policy) =>
        WithOpenPost(state, c, post =>
            (NextAttempt(post, c.Attempt)
             ?? Require.Text(c.Note, "Note", policy.MaxNoteLength))
            .Or(() => Accept(new ChannelPostUncertain(
                state.Id, c.Context.Actor.UserId, c.Context.At, c.PostId, c.Attempt, c.Note))));

    /// <summary>Only one attempt may be in flight: a post already Sending has an outcome to report first.</summary>
    private static Decision RecordSending(IncidentState state, RecordChannelPostSending c) =>
        WithOpenPost(state, c, post =>
            (post.Status == ChannelPostStatus.Sending
                 ? DomainError.Conflict(DomainErrors.ChannelPostAlreadySending, $"Attempt {post.Attempts + 1} is already in flight; report its outcome first.")
                 : NextAttempt(post, c.Attempt))
            .Or(() => Accept(new ChannelPostSending(state.Id, c.Context.Actor.UserId, c.Context.At, c.PostId, c.Attempt))));

    private static Decision RetryPost(IncidentState state, RetryChannelPost c, IncidentPolicy policy) =>
        WithPostForOperator(state, c.Context.Actor, c.PostId, post =>
            (post.AwaitsOperator
                 ? null
                 : DomainError.Conflict(DomainErrors.ChannelPostNotAwaitingOperator, $"The post is {post.Status}; only abandoned or uncertain posts are retried by hand."))
            ?? Require.OptionalText(c.Note, "Note", policy.MaxNoteLength))
            .Or(() => Accept(new ChannelPostRetryRequested(
                state.Id, c.Context.Actor.UserId, c.Context.At, c.PostId, state.ChannelPosts[c.PostId].Status, c.Note)));

    private static Decision ConfirmDelivered(IncidentState state, ConfirmChannelPostDelivered c, IncidentPolicy policy) =>
        WithPostForOperator(state, c.Context.Actor, c.PostId, post =>
            (post.Status == ChannelPostStatus.Uncertain
                 ? null
                 : DomainError.Conflict(DomainErrors.ChannelPostNotUncertain, $"The post is {post.Status}; only an uncertain post is confirmed by hand."))
            ?? Require.OptionalText(c.ExternalId, "External id", policy.MaxLinkLength)
            ?? Require.Link(c.Url, policy.MaxLinkLength)
            ?? Require.OptionalText(c.Note, "Note", policy.MaxNoteLength))
            .Or(() => Accept(new ChannelPostDeliveryConfirmed(
                state.Id, c.Context.Actor.UserId, c.Context.At, c.PostId, c.ExternalId, c.Url, c.Note)));

    /// <summary>Operators are the incident's press officers; the check runs on the post they name.</summary>
    private static DomainError? WithPostForOperator(
        IncidentState state, Actor actor, Guid postId, Func<ChannelPostState, DomainError?> check) =>
        Authorization.PressOfficerOfIncident(state, actor)
        ?? (state.ChannelPosts.TryGetValue(postId, out var post)
            ? check(post)
            : DomainError.NotFound(DomainErrors.ChannelPostNotFound, $"Channel post {postId} does not exist."));

    /// <summary>
    /// The dispatcher may only report on posts still in its hands: not delivered (a post is delivered once) and not
    /// waiting for an operator (Abandoned, Uncertain).
    /// </summary>
    private static Decision WithOpenPost(IncidentState state, ChannelPostOutcome c, Func<ChannelPostState, Decision> decide)
    {
        if (Authorization.SystemActor(c.Context.Actor) is { } forbidden)
        {
            return forbidden;
        }

        if (!state.ChannelPosts.TryGetValue(c.PostId, out var post))
        {
            return DomainError.NotFound(DomainErrors.ChannelPostNotFound, $"Channel post {c.PostId} does not exist.");
        }

        if (post.Status == ChannelPostStatus.Delivered)
        {
            return DomainError.Conflict(DomainErrors.ChannelPostAlreadyDelivered, "The post has already been delivered.");
        }

        return post.AwaitsOperator
            ? DomainError.Conflict(DomainErrors.ChannelPostAwaitingOperator, $"The post is {post.Status} and waits for an operator.")
            : decide(post);
    }

    private static DomainError? NextAttempt(ChannelPostState post, int attempt) =>
        attempt == post.Attempts + 1
            ? null
            : DomainError.Conflict(
                DomainErrors.ChannelPostAttemptOutOfSequence,
                $"Expected attempt {post.Attempts + 1}, got {attempt}.");
}
