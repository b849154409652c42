using CrisisCenter.Domain;

namespace CrisisCenter.Application.Incidents;

/// <summary>Who may see an incident at all. A restricted incident is visible only to its lead and
/// participating agencies; to everyone else it does not exist (404, so its existence does not leak).</summary>
public static class IncidentVisibility
{
    public static bool CanSee(Actor actor, Visibility visibility, string leadAgency, IEnumerable<string> participatingAgencies) =>
        visibility == Visibility.Normal
        || actor.AgencyCode == leadAgency
        || participatingAgencies.Contains(actor.AgencyCode, StringComparer.Ordinal);

    public static bool CanSee(Actor actor, IncidentState state) =>
        state.Exists && CanSee(actor, state.Visibility, state.LeadAgency, state.ParticipatingAgencies);
}
