namespace CrisisCenter.Domain;

/// <summary>
/// Opens the incident. <paramref name="RequiredLanguages"/> defaults to kk + ru when empty;
/// only a press officer of <paramref name="LeadAgency"/> may declare.
/// </summary>
public sealed record DeclareIncident(
    Guid IncidentId,
    CommandContext Context,
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
    bool IsPublicWarning) : IncidentCommand(IncidentId, Context);

public sealed record AmendIncidentDetails(
    Guid IncidentId,
    CommandContext Context,
    string Title,
    string Description,
    IncidentCategory Category,
    IReadOnlyList<string> Regions) : IncidentCommand(IncidentId, Context);

public sealed record ChangeIncidentSeverity(Guid IncidentId, CommandContext Context, Severity Severity, string Reason)
    : IncidentCommand(IncidentId, Context);

public sealed record AddParticipatingAgency(Guid IncidentId, CommandContext Context, string AgencyCode)
    : IncidentCommand(IncidentId, Context);

public sealed record RemoveParticipatingAgency(Guid IncidentId, CommandContext Context, string AgencyCode)
    : IncidentCommand(IncidentId, Context);

public sealed record StabilizeIncident(Guid IncidentId, CommandContext Context, string? Note)
    : IncidentCommand(IncidentId, Context);

public sealed record CloseIncident(Guid IncidentId, CommandContext Context, string Summary)
    : IncidentCommand(IncidentId, Context);

public sealed record ReopenIncident(Guid IncidentId, CommandContext Context, string Reason)
    : IncidentCommand(IncidentId, Context);
