namespace CrisisCenter.Domain;

/// <summary>
/// An operator (a press officer of the incident) hands an Abandoned post back to the dispatcher, or re-sends an
/// Uncertain one after checking that it did not go out. Attempts keep counting from where they stood.
/// </summary>
public sealed record RetryChannelPost(Guid IncidentId, CommandContext Context, Guid PostId, string? Note = null)
    : IncidentCommand(IncidentId, Context);

/// <summary>
/// An operator checked the channel and found that an Uncertain post did go out: it is delivered, with the
/// external id / URL they found when they have it.
/// </summary>
public sealed record ConfirmChannelPostDelivered(
    Guid IncidentId,
    CommandContext Context,
    Guid PostId,
    string? ExternalId = null,
    string? Url = null,
    string? Note = null) : IncidentCommand(IncidentId, Context);
