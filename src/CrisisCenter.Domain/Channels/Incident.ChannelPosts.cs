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
