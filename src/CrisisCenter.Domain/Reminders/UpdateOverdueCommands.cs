namespace CrisisCenter.Domain;

/// <summary>
/// The platform notes that the public was not updated within the incident's cadence. <paramref name="DueAt"/> names
/// the missed window (when the update was due); the domain checks it against the incident's own history, so a
/// reminder from a stale read model is refused rather than recorded.
/// </summary>
public sealed record RecordUpdateOverdue(Guid IncidentId, CommandContext Context, DateTimeOffset DueAt)
    : IncidentCommand(IncidentId, Context);
