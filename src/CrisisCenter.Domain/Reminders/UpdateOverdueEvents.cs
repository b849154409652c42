namespace CrisisCenter.Domain;

/// <summary>The public update due at <paramref name="DueAt"/> (last publication, or the declaration, plus whole
/// <paramref name="Cadence"/> periods) had not been published when the platform looked at <paramref name="At"/>.</summary>
[EventType("incident.update_overdue.v1")]
public sealed record IncidentUpdateOverdue(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    DateTimeOffset DueAt,
    TimeSpan Cadence) : IncidentEvent(IncidentId, By, At);
