using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Errors;

/// <summary>401: no valid session. The API answers, it never redirects to a sign-in page.</summary>
[Collection(ApiWithStaff.Collection)]
public sealed class AuthenticationErrorTests(ApiWithStaff api)
{
    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_request_without_a_token_is_unauthorized()
    {
        var incident = await api.Staff.PressOfficer.DeclareIncidentAsync();
        using var anonymous = api.App.Anonymous();

        await api.App.ShouldRejectAsync(HttpStatusCode.Unauthorized, incident.IncidentId, () => anonymous.GetAsync(ApiRoutes.Incidents));
        await api.App.ShouldRejectAsync(HttpStatusCode.Unauthorized, incident.IncidentId, () => anonymous.GetAsync(ApiRoutes.Incident(incident.IncidentId)));
        await api.App.ShouldRejectAsync(HttpStatusCode.Unauthorized, incident.IncidentId, () =>
            anonymous.PostJsonAsync(ApiRoutes.Updates(incident.IncidentId), ApiBodies.SituationUpdate()));
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_forged_token_is_unauthorized()
    {
        var incident = await api.Staff.PressOfficer.DeclareIncidentAsync();
        using var forger = api.App.Authenticated(new AuthenticationHeaderValue("Bearer", "CfDJ8-not-a-token-this-app-issued"));

        await api.App.ShouldRejectAsync(HttpStatusCode.Unauthorized, incident.IncidentId, () =>
            forger.PostJsonAsync(ApiRoutes.Updates(incident.IncidentId), ApiBodies.SituationUpdate()));
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_wrong_password_gets_no_token()
    {
        // An account of its own: a wrong password makes its address wait before the next try, which must not hold up
        // the shared staff's sign-ins in the other tests.
        var account = await api.App.CreateUserAsync("press.typo", AgencyStaff.LeadAgency, "PressOfficer");
        using var anonymous = api.App.Anonymous();

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.Unauthorized, null, () =>
            anonymous.PostAsJsonAsync(ApiRoutes.Token, new { userName = account.UserName, password = "not-the-password" }));

        problem.Title.Should().Be("Sign-in failed");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task the_token_of_a_disabled_user_stops_working_at_once()
    {
        var account = await api.App.CreateUserAsync("press.leaving", AgencyStaff.LeadAgency, "PressOfficer");
        using var leaving = await api.App.SignInAsync(account.UserName);
        var incident = await leaving.DeclareIncidentAsync();

        using (var disabled = await api.Staff.Admin.PostJsonAsync(ApiRoutes.DisableUser(account.UserId), new { reason = "Left the ministry." }))
            disabled.StatusCode.Should().Be(HttpStatusCode.NoContent, await disabled.Content.ReadAsStringAsync());

        await api.App.ShouldRejectAsync(HttpStatusCode.Unauthorized, incident.IncidentId, () =>
            leaving.PostJsonAsync(ApiRoutes.Updates(incident.IncidentId), ApiBodies.SituationUpdate()));
        await api.App.ShouldRejectAsync(HttpStatusCode.Unauthorized, incident.IncidentId, () => leaving.GetAsync(ApiRoutes.Incident(incident.IncidentId)));
        using var anonymous = api.App.Anonymous();
        await api.App.ShouldRejectAsync(HttpStatusCode.Unauthorized, incident.IncidentId, () =>
            anonymous.PostAsJsonAsync(ApiRoutes.Token, new { userName = account.UserName, password = CrisisCenterApp.Password }));
    }
}
