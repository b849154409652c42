namespace CrisisCenter.Domain;

/// <summary>
/// A delivery outcome reported by the channel dispatcher; only <see cref="Actor.System"/> may issue one.
/// Attempt numbers start at 1 and follow the attempts already recorded on the post.
/// </summary>
public abstract record ChannelPostOutcome(Guid IncidentId, CommandContext Context, Guid PostId)
    : IncidentCommand(IncidentId, Context);

public sealed record RecordChannelPostDelivered(
    Guid IncidentId,
    CommandContext Context,
    Guid PostId,
    int Attempt,
    string ExternalId,
    string? Url = null) : ChannelPostOutcome(IncidentId, Context, PostId);

/// <summary><paramref name="NextRetryAt"/> is null when the dispatcher will not retry on its own.</summary>
public sealed record RecordChannelPostFailed(
    Guid IncidentId,
    CommandContext Context,
    Guid PostId,
    int Attempt,
    string Error,
    DateTimeOffset? NextRetryAt = null) : ChannelPostOutcome(IncidentId, Context, PostId);

public sealed record AbandonChannelPost(
    Guid IncidentId,
    CommandContext Context,
    Guid PostId,
    int Attempts,
    string Error) : ChannelPostOutcome(IncidentId, Context, PostId);

/// <summary>A send to a channel without idempotency was interrupted; an operator must confirm what happened.</summary>
public sealed record MarkChannelPostUncertain(
    Guid IncidentId,
    CommandContext Context,
    Guid PostId,
    int Attempt,
    string Note) : ChannelPostOutcome(IncidentId, Context, PostId);

/// <summary>
/// The dispatcher is about to make attempt <paramref name="Attempt"/> on a channel that cannot drop a duplicate
/// (Telegram, e-mail). Recorded before the send, so a post found Sending after a crash is known to be possibly
/// sent and becomes Uncertain instead of going out twice.
/// </summary>
public sealed record RecordChannelPostSending(
    Guid IncidentId,
    CommandContext Context,
    Guid PostId,
    int Attempt) : ChannelPostOutcome(IncidentId, Context, PostId);
