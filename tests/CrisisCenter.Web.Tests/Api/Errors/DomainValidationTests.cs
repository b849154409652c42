using System.Net;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Errors;

/// <summary>422: well-formed input that the domain's rules refuse, answered with the rule's code.</summary>
[Collection(ApiWithStaff.Collection)]
public sealed class DomainValidationTests(ApiWithStaff api)
{
    [Fact(Timeout = TestTimeouts.Request)]
    public async Task declaring_in_an_unknown_region_is_unprocessable()
    {
        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.UnprocessableEntity, null, () =>
            api.Staff.PressOfficer.PostJsonAsync(ApiRoutes.Incidents, ApiBodies.Declaration(regions: ["KZ-75", "KZ-99"])));

        problem.Code.Should().Be("region.unknown");
        problem.Detail.Should().Contain("KZ-99");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task moving_an_incident_to_an_unknown_region_is_unprocessable()
    {
        var incident = await api.Staff.PressOfficer.DeclareIncidentAsync();

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.UnprocessableEntity, incident.IncidentId, () =>
            api.Staff.PressOfficer.PutJsonAsync(ApiRoutes.Details(incident.IncidentId), ApiBodies.DetailsAmendment(["KZ-00"])));

        problem.Code.Should().Be("region.unknown");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task publishing_to_the_same_channel_twice_is_unprocessable()
    {
        var incident = await api.Staff.PressOfficer.DeclareIncidentAsync();
        var statement = await api.Staff.PressOfficer.SubmitNewStatementAsync(incident.IncidentId);
        await api.Staff.Approver.ApproveAsync(statement);

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.UnprocessableEntity, incident.IncidentId, () =>
            api.Staff.PressOfficer.PostJsonAsync(ApiRoutes.Publish(incident.IncidentId, statement.StatementId),
                ApiBodies.Publication(statement.Revision, statement.ContentHash, "website", "Website")));

        problem.Code.Should().Be("channel.duplicate");
    }
}
