namespace CrisisCenter.Domain;

/// <summary>Who may do what to an incident. Each check returns null when the actor may act.</summary>
internal static class Authorization
{
    /// <summary>Writes to content (updates, statements, rumours): a press officer of the lead or a participating agency.</summary>
    public static DomainError? PressOfficerOfIncident(IncidentState state, Actor actor) =>
        actor.HasRole(Role.PressOfficer) && state.IsLeadOrParticipating(actor.AgencyCode)
            ? null
            : DomainError.Forbidden(
                DomainErrors.NotPressOfficerOfIncident,
                "Only a press officer of the lead or a participating agency may do this.");

    /// <summary>Declaring and steering the incident itself (details, severity, agencies, lifecycle).</summary>
    public static DomainError? PressOfficerOfLeadAgency(string leadAgency, Actor actor) =>
        actor.HasRole(Role.PressOfficer) && actor.AgencyCode == leadAgency
            ? null
            : DomainError.Forbidden(
                DomainErrors.NotPressOfficerOfLeadAgency,
                "Only a press officer of the lead agency may do this.");

    public static DomainError? ApproverOfLeadAgency(IncidentState state, Actor actor) =>
        actor.HasRole(Role.Approver) && actor.AgencyCode == state.LeadAgency
            ? null
            : DomainError.Forbidden(
                DomainErrors.NotLeadAgencyApprover,
                "Only an approver of the lead agency may approve or reject statements.");

    public static DomainError? SystemActor(Actor actor) =>
        actor.IsSystem
            ? null
            : DomainError.Forbidden(DomainErrors.SystemOnly, "Only the platform records channel delivery outcomes.");

    /// <summary>
    /// Press officers of the incident log anywhere; an observer granted regional updates logs only for its own
    /// region, and only when that region is one of the incident's.
    /// </summary>
    public static DomainError? SituationUpdateAuthor(IncidentState state, Actor actor, string? regionCode)
    {
        if (PressOfficerOfIncident(state, actor) is null)
        {
            return null;
        }

        if (!actor.HasRole(Role.Observer))
        {
            return PressOfficerOfIncident(state, actor);
        }

        return actor.CanLogRegionalUpdates
               && regionCode is not null
               && actor.RegionCode == regionCode
               && state.Regions.Contains(regionCode)
            ? null
            : DomainError.Forbidden(
                DomainErrors.ObserverRegionNotPermitted,
                "An observer may log situation updates only for its own region of this incident, when granted.");
    }
}
