using System.Text.Json;
using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Dispatching;

/// <summary>
/// The posts that still need the dispatcher: scheduled, failed (with their retry time) or caught Sending; delivered,
/// abandoned and uncertain posts leave. A read model of the node's <see cref="ProjectionHost"/>: it is fed the one
/// decoded feed and, with a read store, saved per incident in each batch's transaction and restored at start, so a
/// restart costs the open posts, not the history of every post ever sent.
/// </summary>
/// <remarks>
/// Two due times per post: the one the events say (<c>NotBefore</c>, <c>NextRetryAt</c>), which is what is stored,
/// and the one the dispatcher may push later in memory (<see cref="Defer"/>, after a run that asked to come back).
/// So a node started again sees the due times the store recorded, exactly as if it had folded every event.
/// Thread-safe: the host applies on its loop while the dispatcher reads and defers on its own.
/// </remarks>
public sealed class PendingPosts : IRestorableProjection
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    private readonly Lock gate = new();
    private readonly Dictionary<Guid, PendingPost> posts = [];
    private readonly Dictionary<Guid, Dictionary<Guid, DateTimeOffset?>> recordedByIncident = [];

    /// <summary>Raised (outside the lock) after an event added, moved or removed a post: the dispatcher wakes up.</summary>
    public event Action? Changed;

    public string StateName => "channel-posts";

    public int Count { get { lock (gate) return posts.Count; } }

    void IProjection.Apply(ProjectedEvent e) => Apply(e.Event);

    public void Apply(IncidentEvent e)
    {
        bool changed;
        lock (gate) changed = Fold(e);
        if (changed) Changed?.Invoke();
    }

    private bool Fold(IncidentEvent e)
    {
        switch (e)
        {
            case ChannelPostScheduled x:
                Put(new PendingPost(x.IncidentId, x.PostId, x.NotBefore));
                return true;
            case ChannelPostFailed x when posts.TryGetValue(x.PostId, out var post):
                Put(post with { DueAt = x.NextRetryAt });
                return true;
            case ChannelPostSending x when posts.TryGetValue(x.PostId, out var post):
                Put(post with { DueAt = null });
                return true;
            case ChannelPostRetryRequested x:
                Put(new PendingPost(x.IncidentId, x.PostId, null));
                return true;
            case ChannelPostDelivered or ChannelPostAbandoned or ChannelPostUncertain or ChannelPostDeliveryConfirmed:
                return Remove(e.IncidentId, PostIdOf(e));
            default:
                return false;
        }
    }

    private void Put(PendingPost post)
    {
        posts[post.PostId] = post;
        if (!recordedByIncident.TryGetValue(post.IncidentId, out var recorded))
            recordedByIncident[post.IncidentId] = recorded = [];
        recorded[post.PostId] = post.DueAt;
    }

    private bool Remove(Guid incidentId, Guid postId)
    {
        if (recordedByIncident.TryGetValue(incidentId, out var recorded) && recorded.Remove(postId) && recorded.Count == 0)
            recordedByIncident.Remove(incidentId);
        return posts.Remove(postId);
    }

    public bool Contains(Guid postId) { lock (gate) return posts.ContainsKey(postId); }

    /// <summary>Sets when to look at the post again (after a run that asked to come back, or failed to run). Kept in
    /// memory only: the stored due time stays the one the events recorded.</summary>
    public void Defer(Guid postId, DateTimeOffset until)
    {
        lock (gate)
        {
            if (posts.TryGetValue(postId, out var post) && (post.DueAt is null || post.DueAt < until))
                posts[postId] = post with { DueAt = until };
        }
    }

    public IReadOnlyList<PendingPost> DueAt(DateTimeOffset now)
    {
        lock (gate) return [.. posts.Values.Where(p => p.DueAt is null || p.DueAt <= now)];
    }

    public DateTimeOffset? NextDueAfter(DateTimeOffset now, IReadOnlySet<Guid> excluded)
    {
        lock (gate)
        {
            return posts.Values.Where(p => !excluded.Contains(p.PostId)).Select(p => p.DueAt ?? now).DefaultIfEmpty(DateTimeOffset.MaxValue).Min() is var next
                   && next != DateTimeOffset.MaxValue ? next : null;
        }
    }

    /// <summary>Every open post with the due time its events recorded (what a restart would restore), by post id.</summary>
    public IReadOnlyDictionary<Guid, PendingPost> Recorded()
    {
        lock (gate)
        {
            return recordedByIncident
                .SelectMany(incident => incident.Value.Select(post => new PendingPost(incident.Key, post.Key, post.Value)))
                .ToDictionary(post => post.PostId);
        }
    }

    public string? SaveIncident(Guid incidentId)
    {
        lock (gate)
        {
            return recordedByIncident.TryGetValue(incidentId, out var recorded)
                ? JsonSerializer.Serialize(recorded.Select(post => new SavedPost(post.Key, post.Value)).OrderBy(post => post.PostId).ToList(), Json)
                : null;
        }
    }

    public void RestoreIncident(Guid incidentId, string state)
    {
        var saved = JsonSerializer.Deserialize<List<SavedPost>>(state, Json) ?? throw new InvalidDataException($"An empty channel-posts row for {incidentId}.");
        lock (gate)
        {
            foreach (var post in saved) Put(new PendingPost(incidentId, post.PostId, post.DueAt));
        }

        if (saved.Count > 0) Changed?.Invoke();
    }

    public void Clear()
    {
        lock (gate)
        {
            posts.Clear();
            recordedByIncident.Clear();
        }
    }

    private static Guid PostIdOf(IncidentEvent e) => e switch
    {
        ChannelPostDelivered x => x.PostId,
        ChannelPostAbandoned x => x.PostId,
        ChannelPostUncertain x => x.PostId,
        ChannelPostDeliveryConfirmed x => x.PostId,
        _ => Guid.Empty,
    };

    private sealed record SavedPost(Guid PostId, DateTimeOffset? DueAt);
}

public sealed record PendingPost(Guid IncidentId, Guid PostId, DateTimeOffset? DueAt);
