namespace CrisisCenter.Web.Tests.Security.Matrix;

/// <summary>The rules of issue 7 written down on their own, independently of the app's code, as the oracle of the matrix.</summary>
public static class Expectations
{
    /// <summary>Restricted: lead and participating agencies only. Normal: also press officers, approvers and admins of
    /// any agency, and observers whose region the incident touches.</summary>
    public static bool MaySee(StaffMember member, string visibility) =>
        member.IsOfIncidentAgencies
        || (visibility == "Normal"
            && (member.Has("PressOfficer") || member.Has("Approver") || member.Has("Admin") || member.Region == Staff.IncidentRegion));

    /// <summary>Refused: 403 when the incident exists for the caller, 404 when it must not even seem to exist.</summary>
    public static int Refusal(StaffMember member, string visibility) => MaySee(member, visibility) ? 403 : 404;
}
