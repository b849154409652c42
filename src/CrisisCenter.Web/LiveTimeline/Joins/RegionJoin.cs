using CrisisCenter.Domain;
using CrisisCenter.EventStore;

namespace CrisisCenter.Web.LiveTimeline;

/// <summary>Live timeline entries of every incident of one region the viewer may see, from the moment of joining.</summary>
internal sealed class RegionJoin(string regionCode, Actor viewer)
    : LiveJoin(KeyOf(regionCode), viewer, [LiveGroups.Region(regionCode)], GlobalPosition.Start)
{
    public static string KeyOf(string regionCode) => LiveGroups.Region(regionCode);
}
