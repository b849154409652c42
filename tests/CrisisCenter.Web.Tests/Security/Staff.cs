using CrisisCenter.Application.Accounts;

namespace CrisisCenter.Web.Tests.Security;

/// <summary>
/// One person per role in each relation to the incidents of the matrix: those incidents are led by MES, MOH takes
/// part, and they touch Almaty (KZ-75). MIA and the akimats stand outside; the Almaty akimat's observer is outside
/// by agency but inside by region, Astana's (KZ-71) outside both.
/// </summary>
public sealed record StaffMember(string UserName, string Agency, IReadOnlyList<string> Roles, string? Region = null, bool CanLogRegionalUpdates = false)
{
    public NewAccount ToAccount() => new(UserName, UserName, Hosting.CrisisCenterApp.Password, Agency, Roles, Region, CanLogRegionalUpdates);

    public bool Has(string role) => Roles.Contains(role);

    public bool IsOfIncidentAgencies => Agency is Staff.LeadAgency or Staff.ParticipatingAgency;

    public override string ToString() => UserName;
}

public static class Staff
{
    public const string LeadAgency = "MES";
    public const string ParticipatingAgency = "MOH";
    public const string IncidentRegion = "KZ-75";

    public static readonly StaffMember LeadPress = new("sec.mes.press", "MES", ["PressOfficer"]);
    public static readonly StaffMember LeadApprover = new("sec.mes.approver", "MES", ["Approver"]);
    public static readonly StaffMember LeadObserver = new("sec.mes.observer", "MES", ["Observer"]);
    public static readonly StaffMember LeadAdmin = new("sec.mes.admin", "MES", ["Admin"]);
    public static readonly StaffMember ParticipantPress = new("sec.moh.press", "MOH", ["PressOfficer"]);
    public static readonly StaffMember ParticipantApprover = new("sec.moh.approver", "MOH", ["Approver"]);
    public static readonly StaffMember ParticipantObserver = new("sec.moh.observer", "MOH", ["Observer"]);
    public static readonly StaffMember OutsidePress = new("sec.mia.press", "MIA", ["PressOfficer"]);
    public static readonly StaffMember OutsideApprover = new("sec.mia.approver", "MIA", ["Approver"]);
    public static readonly StaffMember OutsideObserver = new("sec.mia.observer", "MIA", ["Observer"]);
    public static readonly StaffMember OutsideAdmin = new("sec.mia.admin", "MIA", ["Admin"]);
    public static readonly StaffMember RegionObserver = new("sec.almaty.observer", "AKIMAT-KZ-75", ["Observer"], "KZ-75", CanLogRegionalUpdates: true);
    public static readonly StaffMember OtherRegionObserver = new("sec.astana.observer", "AKIMAT-KZ-71", ["Observer"], "KZ-71", CanLogRegionalUpdates: true);

    public static IReadOnlyList<StaffMember> Everyone { get; } =
    [
        LeadPress, LeadApprover, LeadObserver, LeadAdmin, ParticipantPress, ParticipantApprover, ParticipantObserver,
        OutsidePress, OutsideApprover, OutsideObserver, OutsideAdmin, RegionObserver, OtherRegionObserver,
    ];
}
