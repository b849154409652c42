namespace CrisisCenter.Domain;

// Delivery outcomes reported by the channel dispatcher; only Actor.System may issue them.
// Attempt numbers start at 1 and must follow the attempts already recorded on the post.

public sealed record RecordChannelPostDelivered(
    Guid IncidentId,
    CommandContext Context,
    Guid PostId,
    int Attempt,
    string ExternalId,
    string? Url = null) : IncidentCommand(IncidentId, Context);

/// <summary><paramref name="NextRetryAt"/> is null when the dispatcher will not retry on its own.</summary>
public sealed record RecordChannelPostFailed(
    Guid IncidentId,
    CommandContext Context,
    Guid PostId,
    int Attempt,
    string Error,
    DateTimeOffset? NextRetryAt = null) : IncidentCommand(IncidentId, Context);

public sealed record AbandonChannelPost(
    Guid IncidentId,
    CommandContext Context,
    Guid PostId,
    int Attempts,
    string Error) : IncidentCommand(IncidentId, Context);

/// <summary>A send to a channel without idempotency was interrupted; an operator must confirm what happened.</summary>
public sealed record MarkChannelPostUncertain(
    Guid IncidentId,
    CommandContext Context,
    Guid PostId,
    int Attempt,
    string Note) : IncidentCommand(IncidentId, Context);
