namespace CrisisCenter.Domain;

[EventType("incident.declared.v1")]
public sealed record IncidentDeclared(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    string Code,
    string Title,
    string Description,
    IncidentCategory Category,
    Severity Severity,
    IReadOnlyList<string> Regions,
    string LeadAgency,
    IReadOnlyList<string> ParticipatingAgencies,
    Visibility Visibility,
    IReadOnlyList<Language> RequiredLanguages,
    bool IsPublicWarning) : IncidentEvent(IncidentId, By, At);

[EventType("incident.details_amended.v1")]
public sealed record IncidentDetailsAmended(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    string Title,
    string Description,
    IncidentCategory Category,
    IReadOnlyList<string> Regions) : IncidentEvent(IncidentId, By, At);

[EventType("incident.severity_changed.v1")]
public sealed record IncidentSeverityChanged(
    Guid IncidentId,
    string By,
    DateTimeOffset At,
    Severity From,
    Severity To,
    string Reason) : IncidentEvent(IncidentId, By, At);

[EventType("incident.agency_joined.v1")]
public sealed record AgencyJoinedIncident(Guid IncidentId, string By, DateTimeOffset At, string AgencyCode)
    : IncidentEvent(IncidentId, By, At);

[EventType("incident.agency_left.v1")]
public sealed record AgencyLeftIncident(Guid IncidentId, string By, DateTimeOffset At, string AgencyCode)
    : IncidentEvent(IncidentId, By, At);

[EventType("incident.stabilized.v1")]
public sealed record IncidentStabilized(Guid IncidentId, string By, DateTimeOffset At, string? Note)
    : IncidentEvent(IncidentId, By, At);

[EventType("incident.closed.v1")]
public sealed record IncidentClosed(Guid IncidentId, string By, DateTimeOffset At, string Summary)
    : IncidentEvent(IncidentId, By, At);

[EventType("incident.reopened.v1")]
public sealed record IncidentReopened(Guid IncidentId, string By, DateTimeOffset At, string Reason)
    : IncidentEvent(IncidentId, By, At);
