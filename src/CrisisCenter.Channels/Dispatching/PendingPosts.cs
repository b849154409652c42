using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Dispatching;

/// <summary>
/// The posts that still need the dispatcher, folded from the store: scheduled, failed (with their retry time) or
/// caught Sending; delivered, abandoned and uncertain posts leave. Rebuilt from the first event at every start, so
/// the store is the dispatcher's checkpoint. Not thread-safe: the dispatcher guards it.
/// </summary>
public sealed class PendingPosts
{
    private readonly Dictionary<Guid, PendingPost> posts = [];

    public int Count => posts.Count;

    public void Apply(IncidentEvent e)
    {
        switch (e)
        {
            case ChannelPostScheduled x:
                posts[x.PostId] = new PendingPost(x.IncidentId, x.PostId, x.NotBefore);
                break;
            case ChannelPostFailed x when posts.TryGetValue(x.PostId, out var post):
                posts[x.PostId] = post with { DueAt = x.NextRetryAt };
                break;
            case ChannelPostSending x when posts.TryGetValue(x.PostId, out var post):
                posts[x.PostId] = post with { DueAt = null };
                break;
            case ChannelPostRetryRequested x:
                posts[x.PostId] = new PendingPost(x.IncidentId, x.PostId, null);
                break;
            case ChannelPostDelivered or ChannelPostAbandoned or ChannelPostUncertain or ChannelPostDeliveryConfirmed:
                posts.Remove(PostIdOf(e));
                break;
        }
    }

    public bool Contains(Guid postId) => posts.ContainsKey(postId);

    /// <summary>Sets when to look at the post again (after a run that asked to come back, or failed to run).</summary>
    public void Defer(Guid postId, DateTimeOffset until)
    {
        if (posts.TryGetValue(postId, out var post) && (post.DueAt is null || post.DueAt < until))
            posts[postId] = post with { DueAt = until };
    }

    public IEnumerable<PendingPost> DueAt(DateTimeOffset now) => posts.Values.Where(p => p.DueAt is null || p.DueAt <= now);

    public DateTimeOffset? NextDueAfter(DateTimeOffset now, IReadOnlySet<Guid> excluded) =>
        posts.Values.Where(p => !excluded.Contains(p.PostId)).Select(p => p.DueAt ?? now).DefaultIfEmpty(DateTimeOffset.MaxValue).Min() is var next
        && next != DateTimeOffset.MaxValue ? next : null;

    private static Guid PostIdOf(IncidentEvent e) => e switch
    {
        ChannelPostDelivered x => x.PostId,
        ChannelPostAbandoned x => x.PostId,
        ChannelPostUncertain x => x.PostId,
        ChannelPostDeliveryConfirmed x => x.PostId,
        _ => Guid.Empty,
    };
}

public sealed record PendingPost(Guid IncidentId, Guid PostId, DateTimeOffset? DueAt);
