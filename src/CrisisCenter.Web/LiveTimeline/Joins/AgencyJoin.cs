using CrisisCenter.Domain;
using CrisisCenter.EventStore;

namespace CrisisCenter.Web.LiveTimeline;

/// <summary>Live timeline entries of every incident one agency leads or takes part in that the viewer may see, from
/// the moment of joining.</summary>
internal sealed class AgencyJoin(string agencyCode, Actor viewer)
    : LiveJoin(KeyOf(agencyCode), viewer, [LiveGroups.Agency(agencyCode)], GlobalPosition.Start)
{
    public static string KeyOf(string agencyCode) => LiveGroups.Agency(agencyCode);
}
