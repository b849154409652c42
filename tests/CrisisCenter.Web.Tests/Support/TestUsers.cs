using CrisisCenter.Application.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Web.Tests.Support;

/// <summary>The people of the live timeline tests, registered through the account directory like any user
/// (the password is <see cref="Hosting.CrisisCenterApp.Password"/>).</summary>
public static class TestUsers
{
    public const string Password = Hosting.CrisisCenterApp.Password;

    /// <summary>Press officer of the Ministry of Emergency Situations: declares and logs most incidents.</summary>
    public static readonly NewAccount MesOfficer = new("mes.officer", "Aigerim MES", Password, "MES", ["PressOfficer"]);

    /// <summary>Press officer of the Ministry of Health: leads the restricted incidents.</summary>
    public static readonly NewAccount MohOfficer = new("moh.officer", "Dana MOH", Password, "MOH", ["PressOfficer"]);

    /// <summary>Observer at the akimat of Almaty (KZ-75).</summary>
    public static readonly NewAccount AlmatyObserver = new("almaty.observer", "Yerlan Almaty", Password, "AKIMAT-KZ-75", ["Observer"], "KZ-75");

    /// <summary>Admin of the Ministry of Culture and Information.</summary>
    public static readonly NewAccount Admin = new("mci.admin", "Saule Admin", Password, "MCI", ["Admin"]);

    public static IReadOnlyList<NewAccount> All { get; } = [MesOfficer, MohOfficer, AlmatyObserver, Admin];

    public static async Task RegisterAllAsync(IServiceProvider services)
    {
        var directory = services.GetRequiredService<AccountDirectory>();
        foreach (var account in All)
        {
            if (await directory.FindByUserNameAsync(account.UserName) is null)
            {
                await directory.RegisterAsync(account, "tests");
            }
        }
    }
}
