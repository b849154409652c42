using System.Net.Http.Headers;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Staff;

/// <summary>
/// The people of the tests, each signed in with a bearer token: the press service and leadership of the Ministry of
/// Emergency Situations (which leads the incidents the tests declare), their counterparts at the Ministry of Health,
/// an administrator and the Almaty akimat as observer.
/// </summary>
public sealed class AgencyStaff : IDisposable
{
    public const string LeadAgency = "MES";
    public const string OtherAgency = "MOH";

    public const string PressOfficerName = "press.mes";
    public const string ApproverName = "approver.mes";
    public const string SecondApproverName = "deputy.mes";
    public const string PressOfficerAndApproverName = "editor.mes";
    public const string OtherAgencyPressOfficerName = "press.moh";
    public const string OtherAgencyApproverName = "approver.moh";
    public const string AdminName = "admin.mci";
    public const string ObserverName = "akimat.almaty";

    private AgencyStaff(IReadOnlyDictionary<string, HttpClient> clients, IReadOnlyDictionary<string, string> userIds, string nameSuffix)
    {
        Clients = clients;
        UserIds = userIds;
        NameSuffix = nameSuffix;
    }

    /// <summary>Appended to every account name (a store shared with earlier runs, such as an EventStoreDB server,
    /// already holds the plain names); <see cref="Clients"/> and <see cref="UserIds"/> stay keyed by the plain names.</summary>
    public string NameSuffix { get; }

    /// <summary>The account (and display) name of one of the people, e.g. <see cref="PressOfficerName"/>.</summary>
    public string NameOf(string person) => person + NameSuffix;

    public IReadOnlyDictionary<string, HttpClient> Clients { get; }

    /// <summary>User ids by user name (the actor id in event metadata).</summary>
    public IReadOnlyDictionary<string, string> UserIds { get; }

    public HttpClient PressOfficer => Clients[PressOfficerName];
    public HttpClient Approver => Clients[ApproverName];
    public HttpClient SecondApprover => Clients[SecondApproverName];

    /// <summary>Holds both roles: may draft, and may approve what others wrote, never their own.</summary>
    public HttpClient PressOfficerAndApprover => Clients[PressOfficerAndApproverName];

    public HttpClient OtherAgencyPressOfficer => Clients[OtherAgencyPressOfficerName];
    public HttpClient OtherAgencyApprover => Clients[OtherAgencyApproverName];
    public HttpClient Admin => Clients[AdminName];
    public HttpClient Observer => Clients[ObserverName];

    /// <summary>Creates every account in <paramref name="app"/> and signs each one in.</summary>
    public static async Task<AgencyStaff> EnrolAsync(CrisisCenterApp app, string nameSuffix = "")
    {
        var userIds = new Dictionary<string, string>(StringComparer.Ordinal);
        async Task Enrol(Task<UserAccount> registration)
        {
            var account = await registration;
            userIds[account.UserName[..^nameSuffix.Length]] = account.UserId;
        }

        await Enrol(app.CreateUserAsync(PressOfficerName + nameSuffix, LeadAgency, "PressOfficer"));
        await Enrol(app.CreateUserAsync(ApproverName + nameSuffix, LeadAgency, "Approver"));
        await Enrol(app.CreateUserAsync(SecondApproverName + nameSuffix, LeadAgency, "Approver"));
        await Enrol(app.CreateUserAsync(PressOfficerAndApproverName + nameSuffix, LeadAgency, "PressOfficer", "Approver"));
        await Enrol(app.CreateUserAsync(OtherAgencyPressOfficerName + nameSuffix, OtherAgency, "PressOfficer"));
        await Enrol(app.CreateUserAsync(OtherAgencyApproverName + nameSuffix, OtherAgency, "Approver"));
        await Enrol(app.CreateUserAsync(AdminName + nameSuffix, "MCI", "Admin"));
        await Enrol(app.CreateObserverAsync(ObserverName + nameSuffix, "AKIMAT-KZ-75", "KZ-75", canLogRegionalUpdates: true));

        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        foreach (var person in userIds.Keys) clients[person] = await app.SignInAsync(person + nameSuffix);
        return new AgencyStaff(clients, userIds, nameSuffix);
    }

    /// <summary>The same people, with the tokens they already hold, talking to <paramref name="app"/> (e.g. the app
    /// started again on the same data directory).</summary>
    public AgencyStaff On(CrisisCenterApp app) => new(
        Clients.ToDictionary(c => c.Key, c => app.Authenticated(Token(c.Value)), StringComparer.Ordinal),
        UserIds,
        NameSuffix);

    public static AuthenticationHeaderValue Token(HttpClient client) =>
        client.DefaultRequestHeaders.Authorization ?? throw new InvalidOperationException("The client holds no token.");

    public void Dispose()
    {
        foreach (var client in Clients.Values) client.Dispose();
    }
}
