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

    private AgencyStaff(IReadOnlyDictionary<string, HttpClient> clients, IReadOnlyDictionary<string, string> userIds)
    {
        Clients = clients;
        UserIds = userIds;
    }

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
    public static async Task<AgencyStaff> EnrolAsync(CrisisCenterApp app)
    {
        var userIds = new Dictionary<string, string>(StringComparer.Ordinal);
        async Task Enrol(Task<UserAccount> registration)
        {
            var account = await registration;
            userIds[account.UserName] = account.UserId;
        }

        await Enrol(app.CreateUserAsync(PressOfficerName, LeadAgency, "PressOfficer"));
        await Enrol(app.CreateUserAsync(ApproverName, LeadAgency, "Approver"));
        await Enrol(app.CreateUserAsync(SecondApproverName, LeadAgency, "Approver"));
        await Enrol(app.CreateUserAsync(PressOfficerAndApproverName, LeadAgency, "PressOfficer", "Approver"));
        await Enrol(app.CreateUserAsync(OtherAgencyPressOfficerName, OtherAgency, "PressOfficer"));
        await Enrol(app.CreateUserAsync(OtherAgencyApproverName, OtherAgency, "Approver"));
        await Enrol(app.CreateUserAsync(AdminName, "MCI", "Admin"));
        await Enrol(app.CreateObserverAsync(ObserverName, "AKIMAT-KZ-75", "KZ-75", canLogRegionalUpdates: true));

        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        foreach (var userName in userIds.Keys) clients[userName] = await app.SignInAsync(userName);
        return new AgencyStaff(clients, userIds);
    }

    /// <summary>The same people, with the tokens they already hold, talking to <paramref name="app"/> (e.g. the app
    /// started again on the same data directory).</summary>
    public AgencyStaff On(CrisisCenterApp app) => new(
        Clients.ToDictionary(c => c.Key, c => app.Authenticated(Token(c.Value)), StringComparer.Ordinal),
        UserIds);

    public static AuthenticationHeaderValue Token(HttpClient client) =>
        client.DefaultRequestHeaders.Authorization ?? throw new InvalidOperationException("The client holds no token.");

    public void Dispose()
    {
        foreach (var client in Clients.Values) client.Dispose();
    }
}
