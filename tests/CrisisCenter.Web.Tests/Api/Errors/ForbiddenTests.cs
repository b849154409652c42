using System.Net;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Errors;

/// <summary>403: signed in, but not allowed to do this.</summary>
[Collection(ApiWithStaff.Collection)]
public sealed class ForbiddenTests(ApiWithStaff api)
{
    private AgencyStaff Staff => api.Staff;

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task an_approver_of_another_agency_cannot_approve()
    {
        var incident = await Staff.PressOfficer.DeclareIncidentAsync();
        var statement = await Staff.PressOfficer.SubmitNewStatementAsync(incident.IncidentId);

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.Forbidden, incident.IncidentId, () =>
            Staff.OtherAgencyApprover.PostJsonAsync(ApiRoutes.Approve(incident.IncidentId, statement.StatementId), ApiBodies.Approval(statement.Revision, statement.ContentHash)));

        problem.Code.Should().Be("approval.not_lead_agency_approver");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_press_officer_cannot_approve()
    {
        var incident = await Staff.PressOfficer.DeclareIncidentAsync();
        var statement = await Staff.PressOfficer.SubmitNewStatementAsync(incident.IncidentId);

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.Forbidden, incident.IncidentId, () =>
            Staff.PressOfficer.PostJsonAsync(ApiRoutes.Approve(incident.IncidentId, statement.StatementId), ApiBodies.Approval(statement.Revision, statement.ContentHash)));

        problem.Code.Should().Be("approval.not_lead_agency_approver");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task nobody_approves_a_statement_they_wrote()
    {
        var incident = await Staff.PressOfficerAndApprover.DeclareIncidentAsync();
        var statement = await Staff.PressOfficerAndApprover.SubmitNewStatementAsync(incident.IncidentId);

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.Forbidden, incident.IncidentId, () =>
            Staff.PressOfficerAndApprover.PostJsonAsync(ApiRoutes.Approve(incident.IncidentId, statement.StatementId), ApiBodies.Approval(statement.Revision, statement.ContentHash)));

        problem.Code.Should().Be("statement.self_approval");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_press_officer_of_another_agency_cannot_declare_for_the_lead_agency()
    {
        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.Forbidden, null, () =>
            Staff.OtherAgencyPressOfficer.PostJsonAsync(ApiRoutes.Incidents, ApiBodies.Declaration(leadAgency: AgencyStaff.LeadAgency)));

        problem.Code.Should().Be("auth.not_press_officer_of_lead_agency");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task only_the_lead_agency_closes_the_incident()
    {
        var incident = await Staff.PressOfficer.DeclareIncidentAsync();

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.Forbidden, incident.IncidentId, () =>
            Staff.OtherAgencyPressOfficer.PostJsonAsync(ApiRoutes.Close(incident.IncidentId), ApiBodies.Closing()));

        problem.Code.Should().Be("auth.not_press_officer_of_lead_agency");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task only_admins_list_users()
    {
        await api.App.ShouldRejectAsync(HttpStatusCode.Forbidden, null, () => Staff.PressOfficer.GetAsync(ApiRoutes.Users));
        await api.App.ShouldRejectAsync(HttpStatusCode.Forbidden, null, () => Staff.Approver.GetAsync(ApiRoutes.Users));
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task only_admins_create_users()
    {
        var newUser = new
        {
            userName = "self.promoted", displayName = "Self Promoted", password = "long-enough-password",
            agencyCode = AgencyStaff.LeadAgency, roles = new[] { "Admin" }, regionCode = (string?)null, canLogRegionalUpdates = false,
        };

        await api.App.ShouldRejectAsync(HttpStatusCode.Forbidden, null, () => Staff.PressOfficer.PostJsonAsync(ApiRoutes.Users, newUser));
    }
}
