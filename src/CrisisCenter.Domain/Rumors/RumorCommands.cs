namespace CrisisCenter.Domain;

public sealed record LogRumor(
    Guid IncidentId,
    CommandContext Context,
    Guid RumorId,
    string Claim,
    string WhereSeen,
    string? Link,
    DateTimeOffset FirstSeenAt,
    long? EstimatedReach) : IncidentCommand(IncidentId, Context);

public sealed record AssessRumor(
    Guid IncidentId,
    CommandContext Context,
    Guid RumorId,
    RumorVerdict Verdict,
    string Evidence) : IncidentCommand(IncidentId, Context);

public sealed record CloseRumor(Guid IncidentId, CommandContext Context, Guid RumorId, string Reason)
    : IncidentCommand(IncidentId, Context);
