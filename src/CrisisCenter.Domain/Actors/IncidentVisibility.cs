namespace CrisisCenter.Domain;

/// <summary>
/// Who may see an incident at all; to everyone else it does not exist (404, so a restricted incident's existence
/// does not leak). One rule for every reader and for the incident itself, which answers commands of those who may
/// not see it as it answers commands to an incident never declared. The rule, for a government press service:
/// <list type="bullet">
/// <item>A restricted incident: its lead and participating agencies only, whatever the role (admins included).</item>
/// <item>A normal incident: its own agencies; press officers, approvers and admins of any agency (press services
/// coordinate what the state says, so each needs to see what the others are handling); observers only when the
/// incident touches their region (the region on the account, else the region of their akimat).</item>
/// <item>The platform itself (<see cref="Actor.System"/>, never a signed-in user) sees every incident: it records the
/// delivery outcomes and missed update windows of restricted ones too.</item>
/// </list>
/// </summary>
public static class IncidentVisibility
{
    public static bool CanSee(Actor actor, Visibility visibility, string leadAgency, IEnumerable<string> participatingAgencies, IEnumerable<string> regions)
    {
        if (actor.IsSystem) return true;
        if (actor.AgencyCode == leadAgency || participatingAgencies.Contains(actor.AgencyCode, StringComparer.Ordinal)) return true;
        if (visibility != Visibility.Normal) return false;
        if (actor.HasRole(Role.PressOfficer) || actor.HasRole(Role.Approver) || actor.HasRole(Role.Admin)) return true;
        return actor.HasRole(Role.Observer) && OwnRegion(actor) is { } region && regions.Contains(region, StringComparer.Ordinal);
    }

    public static bool CanSee(Actor actor, IncidentState state) =>
        state.Exists && CanSee(actor, state.Visibility, state.LeadAgency, state.ParticipatingAgencies, state.Regions);

    /// <summary>The region an observer watches: the one on the account, else the one its akimat governs.</summary>
    public static string? OwnRegion(Actor actor) => actor.RegionCode ?? Akimats.RegionOf(actor.AgencyCode);
}
