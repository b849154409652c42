namespace CrisisCenter.Domain;

[EventType("rumor.logged.v1")]
public sealed record RumorLogged(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid RumorId,
    string Claim,
    string WhereSeen,
    string? Link,
    DateTimeOffset FirstSeenAt,
    long? EstimatedReach) : IncidentEvent(IncidentId, By, At);

[EventType("rumor.assessed.v1")]
public sealed record RumorAssessed(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid RumorId,
    RumorVerdict Verdict,
    string Evidence) : IncidentEvent(IncidentId, By, At);

/// <summary>Recorded with the <see cref="StatementPublished"/> of the Rebuttal that answers the rumour.</summary>
[EventType("rumor.rebutted.v1")]
public sealed record RumorRebutted(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Guid RumorId,
    Guid StatementId,
    int Revision) : IncidentEvent(IncidentId, By, At);

[EventType("rumor.closed.v1")]
public sealed record RumorClosed(Guid IncidentId, string By, DateTimeOffset At, Guid RumorId, string Reason)
    : IncidentEvent(IncidentId, By, At);
