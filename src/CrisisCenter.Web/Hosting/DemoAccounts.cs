using CrisisCenter.Application.Accounts;

namespace CrisisCenter.Web.Hosting;

/// <summary>The demo users created when the demo seed is on. Their passwords are public (README): never
/// turn the demo seed on in a real deployment.</summary>
public static class DemoAccounts
{
    public const string Password = "demo-pass-2026";

    public static IReadOnlyList<NewAccount> All { get; } =
    [
        new("admin", "Aigerim Sadykova (admin)", Password, "MCI", ["Admin"]),
        new("press.mes", "Daniyar Omarov", Password, "MES", ["PressOfficer"]),
        new("approver.mes", "Gulnara Bekova", Password, "MES", ["Approver"]),
        new("deputy.mes", "Serik Tulegenov", Password, "MES", ["Approver"]),
        new("press.moh", "Aliya Nurlanovna", Password, "MOH", ["PressOfficer"]),
        new("akimat.almaty", "Yerlan Kassymov", Password, "AKIMAT-KZ-75", ["Observer"], RegionCode: "KZ-75", CanLogRegionalUpdates: true),
        new("akimat.abai", "Madina Zhaksylykova", Password, "AKIMAT-KZ-10", ["Observer"], RegionCode: "KZ-10"),
    ];
}
