namespace CrisisCenter.Domain;

public static partial class Incident
{
    private static IncidentState ChannelPostScheduled(IncidentState state, ChannelPostScheduled e)
    {
        var post = new ChannelPostState(
            e.PostId, e.StatementId, e.Revision, e.Channel, e.Language, e.Action, e.OriginalPostId,
            e.IdempotencyKey, e.NotBefore, ChannelPostStatus.Scheduled);
        var scheduled = state with { ChannelPosts = state.ChannelPosts.Add(e.PostId, post) };
        return UpdateStatement(scheduled, e.StatementId, statement => statement with { PostIds = statement.PostIds.Add(e.PostId) });
    }

    private static IncidentState ChannelPostDelivered(IncidentState state, ChannelPostDelivered e) =>
        UpdatePost(state, e.PostId, post => post with
        {
            Status = ChannelPostStatus.Delivered,
            Attempts = Math.Max(post.Attempts, e.Attempt),
            ExternalId = e.ExternalId,
            Url = e.Url,
            NextRetryAt = null,
        });

    private static IncidentState ChannelPostFailed(IncidentState state, ChannelPostFailed e) =>
        UpdatePost(state, e.PostId, post => post with
        {
            Status = ChannelPostStatus.Failed,
            Attempts = Math.Max(post.Attempts, e.Attempt),
            LastError = e.Error,
            NextRetryAt = e.NextRetryAt,
        });

    private static IncidentState ChannelPostAbandoned(IncidentState state, ChannelPostAbandoned e) =>
        UpdatePost(state, e.PostId, post => post with
        {
            Status = ChannelPostStatus.Abandoned,
            Attempts = Math.Max(post.Attempts, e.Attempts),
            LastError = e.Error,
            NextRetryAt = null,
        });

    private static IncidentState ChannelPostUncertain(IncidentState state, ChannelPostUncertain e) =>
        UpdatePost(state, e.PostId, post => post with
        {
            Status = ChannelPostStatus.Uncertain,
            Attempts = Math.Max(post.Attempts, e.Attempt),
            Note = e.Note,
            NextRetryAt = null,
        });

    // Attempts count finished attempts; the one in flight is Attempts + 1 until its outcome is recorded.
    private static IncidentState ChannelPostSending(IncidentState state, ChannelPostSending e) =>
        UpdatePost(state, e.PostId, post => post with { Status = ChannelPostStatus.Sending, NextRetryAt = null });

    // Back to the dispatcher as if newly scheduled, due at once; the attempt count goes on.
    private static IncidentState ChannelPostRetryRequested(IncidentState state, ChannelPostRetryRequested e) =>
        UpdatePost(state, e.PostId, post => post with { Status = ChannelPostStatus.Scheduled, NextRetryAt = null, NotBefore = null, Note = e.Note, AttemptsBeforeRetry = post.Attempts });

    private static IncidentState ChannelPostDeliveryConfirmed(IncidentState state, ChannelPostDeliveryConfirmed e) =>
        UpdatePost(state, e.PostId, post => post with
        {
            Status = ChannelPostStatus.Delivered,
            ExternalId = e.ExternalId ?? post.ExternalId,
            Url = e.Url ?? post.Url,
            Note = e.Note ?? post.Note,
            NextRetryAt = null,
        });

    private static IncidentState UpdatePost(IncidentState state, Guid postId, Func<ChannelPostState, ChannelPostState> change) =>
        state.ChannelPosts.TryGetValue(postId, out var post)
            ? state with { ChannelPosts = state.ChannelPosts.SetItem(postId, change(post)) }
            : state;
}
