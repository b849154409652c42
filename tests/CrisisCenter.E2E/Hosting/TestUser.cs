namespace CrisisCenter.E2E.Hosting;

/// <summary>A user the fixture creates before the app starts.</summary>
public sealed record TestUser(string UserName, string DisplayName, string Role, string AgencyCode, string? RegionCode = null)
{
    public const string Password = "e2e-pass-2026-long";

    public static TestUser PressOfficer { get; } = new("press.e2e", "Dana Abenova", "PressOfficer", "MES");
    public static TestUser Approver { get; } = new("approver.e2e", "Marat Ismailov", "Approver", "MES");
    public static TestUser AkimatObserver { get; } = new("akimat.e2e", "Asel Tokanova", "Observer", "AKIMAT-KZ-75", "KZ-75");

    // The Ministry of Health's pair works on restricted incidents, out of sight of the others' boards and queues.
    public static TestUser HealthPressOfficer { get; } = new("press.moh.e2e", "Aliya Serikova", "PressOfficer", "MOH");
    public static TestUser HealthApprover { get; } = new("approver.moh.e2e", "Nurlan Zhakupov", "Approver", "MOH");

    public static IReadOnlyList<TestUser> All { get; } = [PressOfficer, Approver, AkimatObserver, HealthPressOfficer, HealthApprover];
}
