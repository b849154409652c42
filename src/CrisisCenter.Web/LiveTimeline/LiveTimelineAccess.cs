using CrisisCenter.Application.Agencies;
using CrisisCenter.Domain;

namespace CrisisCenter.Web.LiveTimeline;

/// <summary>
/// Who may follow a whole region or agency live. Incidents are checked one by one on top of this (a restricted
/// incident reaches only its agencies), so these rules only keep people to their own part of the country's work.
/// Each check returns null when the viewer may join, otherwise the reason in words the client can show.
/// </summary>
public static class LiveTimelineAccess
{
    /// <summary>Admins any region; observers and akimat users their own region only.</summary>
    public static string? RefuseRegion(Actor viewer, string? regionCode)
    {
        if (!Regions.IsKnown(regionCode))
        {
            return $"There is no region '{regionCode}'.";
        }

        if (viewer.HasRole(Role.Admin))
        {
            return null;
        }

        var ownRegion = OwnRegion(viewer);
        if (!viewer.HasRole(Role.Observer) && !IsAkimat(viewer))
        {
            return "Only observers and akimat users follow a region; follow your agency or an incident instead.";
        }

        return ownRegion == regionCode ? null : $"You may follow only your own region{(ownRegion is null ? "" : $" ({ownRegion})")}.";
    }

    /// <summary>Admins any agency; everyone else their own agency only.</summary>
    public static string? RefuseAgency(Actor viewer, string? agencyCode)
    {
        if (!AgencyCatalog.IsKnown(agencyCode))
        {
            return $"There is no agency '{agencyCode}'.";
        }

        return viewer.HasRole(Role.Admin) || viewer.AgencyCode == agencyCode
            ? null
            : $"You may follow only your own agency ({viewer.AgencyCode}).";
    }

    /// <summary>The region on the account, else the region the user's akimat governs.</summary>
    public static string? OwnRegion(Actor viewer) => viewer.RegionCode ?? AgencyCatalog.Find(viewer.AgencyCode)?.RegionCode;

    private static bool IsAkimat(Actor viewer) => AgencyCatalog.Find(viewer.AgencyCode)?.Kind == AgencyKind.Akimat;
}
