using CrisisCenter.Application.Incidents;
using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;

namespace CrisisCenter.Web.LiveTimeline;

internal static class LiveVisibility
{
    /// <summary>The same rule as the API's: a restricted incident exists only for its lead and participating agencies.</summary>
    public static bool CanSee(this Actor viewer, IncidentSummary incident) =>
        IncidentVisibility.CanSee(viewer, incident.Visibility, incident.LeadAgency, incident.ParticipatingAgencies);
}
