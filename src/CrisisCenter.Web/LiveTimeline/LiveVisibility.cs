using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;

namespace CrisisCenter.Web.LiveTimeline;

internal static class LiveVisibility
{
    /// <summary>The same rule as the API's (<see cref="IncidentVisibility"/>).</summary>
    public static bool CanSee(this Actor viewer, IncidentSummary incident) =>
        IncidentVisibility.CanSee(viewer, incident.Visibility, incident.LeadAgency, incident.ParticipatingAgencies, incident.Regions);
}
