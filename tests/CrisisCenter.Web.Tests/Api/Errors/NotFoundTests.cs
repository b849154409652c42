using System.Net;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Errors;

/// <summary>404: what does not exist, and what a user may not know exists.</summary>
[Collection(ApiWithStaff.Collection)]
public sealed class NotFoundTests(ApiWithStaff api)
{
    private AgencyStaff Staff => api.Staff;

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task an_unknown_incident_is_not_found()
    {
        var unknown = Guid.NewGuid();

        await api.App.ShouldRejectAsync(HttpStatusCode.NotFound, unknown, () => Staff.PressOfficer.GetAsync(ApiRoutes.Incident(unknown)));
        await api.App.ShouldRejectAsync(HttpStatusCode.NotFound, unknown, () => Staff.PressOfficer.GetAsync(ApiRoutes.Timeline(unknown)));
        await api.App.ShouldRejectAsync(HttpStatusCode.NotFound, unknown, () => Staff.PressOfficer.GetAsync(ApiRoutes.Kpis(unknown)));
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_command_to_an_unknown_incident_is_not_found_and_creates_no_stream()
    {
        var unknown = Guid.NewGuid();

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.NotFound, unknown, () =>
            Staff.PressOfficer.PostJsonAsync(ApiRoutes.Updates(unknown), ApiBodies.SituationUpdate()));

        problem.Code.Should().Be("incident.not_found");
        (await api.App.HeadAsync(unknown)).IncidentRevision.Should().BeNull();
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task an_unknown_statement_is_not_found()
    {
        var incident = await Staff.PressOfficer.DeclareIncidentAsync();
        var unknown = Guid.NewGuid();

        await api.App.ShouldRejectAsync(HttpStatusCode.NotFound, incident.IncidentId, () =>
            Staff.PressOfficer.GetAsync(ApiRoutes.Statement(incident.IncidentId, unknown)));
        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.NotFound, incident.IncidentId, () =>
            Staff.Approver.PostJsonAsync(ApiRoutes.Approve(incident.IncidentId, unknown), ApiBodies.Approval(1, new string('0', 64))));

        problem.Code.Should().Be("statement.not_found");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_restricted_incident_does_not_exist_for_another_agency()
    {
        var incident = await Staff.PressOfficer.DeclareIncidentAsync(visibility: "Restricted");
        var outsider = Staff.OtherAgencyPressOfficer;

        foreach (var route in new[]
                 {
                     ApiRoutes.Incident(incident.IncidentId), ApiRoutes.Statements(incident.IncidentId), ApiRoutes.Timeline(incident.IncidentId),
                     ApiRoutes.Kpis(incident.IncidentId), ApiRoutes.Verify(incident.IncidentId),
                 })
        {
            await api.App.ShouldRejectAsync(HttpStatusCode.NotFound, incident.IncidentId, () => outsider.GetAsync(route));
        }

        (await outsider.BoardAsync(incident.Code!)).Should().BeEmpty("the board of another agency does not list it");
        (await Staff.Approver.BoardAsync(incident.Code!)).Should().ContainSingle(r => r.Id == incident.IncidentId, "its own agency sees it");
    }
}
