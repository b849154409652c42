namespace CrisisCenter.Domain;

/// <summary>
/// Work for the channel dispatcher (outbox). <paramref name="OriginalPostId"/> is the post a Correct/Retract
/// post edits or cancels. Channels that support it must deduplicate on <paramref name="IdempotencyKey"/>.
/// </summary>
[EventType("channel_post.scheduled.v1")]
public sealed record ChannelPostScheduled(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid PostId,
    Guid StatementId,
    int Revision,
    string Channel,
    Language Language,
    ChannelPostAction Action,
    Guid? OriginalPostId,
    string IdempotencyKey,
    DateTimeOffset? NotBefore) : IncidentEvent(IncidentId, By, At);

[EventType("channel_post.delivered.v1")]
public sealed record ChannelPostDelivered(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid PostId,
    int Attempt,
    string ExternalId,
    string? Url) : IncidentEvent(IncidentId, By, At);

[EventType("channel_post.failed.v1")]
public sealed record ChannelPostFailed(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid PostId,
    int Attempt,
    string Error,
    DateTimeOffset? NextRetryAt) : IncidentEvent(IncidentId, By, At);

[EventType("channel_post.abandoned.v1")]
public sealed record ChannelPostAbandoned(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid PostId,
    int Attempts,
    string Error) : IncidentEvent(IncidentId, By, At);

[EventType("channel_post.uncertain.v1")]
public sealed record ChannelPostUncertain(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid PostId,
    int Attempt,
    string Note) : IncidentEvent(IncidentId, By, At);

/// <summary>The dispatcher began attempt <paramref name="Attempt"/> on a channel without idempotency.</summary>
[EventType("channel_post.sending.v1")]
public sealed record ChannelPostSending(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid PostId,
    int Attempt) : IncidentEvent(IncidentId, By, At);

/// <summary>An operator handed an Abandoned or Uncertain post back to the dispatcher (<paramref name="From"/> says which).</summary>
[EventType("channel_post.retry_requested.v1")]
public sealed record ChannelPostRetryRequested(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid PostId,
    ChannelPostStatus From,
    string? Note) : IncidentEvent(IncidentId, By, At);

/// <summary>An operator confirmed that an Uncertain post did reach its channel.</summary>
[EventType("channel_post.delivery_confirmed.v1")]
public sealed record ChannelPostDeliveryConfirmed(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid PostId,
    string? ExternalId,
    string? Url,
    string? Note) : IncidentEvent(IncidentId, By, At);
