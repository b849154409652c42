using System.Net;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Errors;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;

namespace CrisisCenter.Web.Tests.Api.Errors;

/// <summary>409: the request is well formed but the incident is not where it would have to be.</summary>
[Collection(ApiWithStaff.Collection)]
public sealed class ConflictTests(ApiWithStaff api)
{
    private AgencyStaff Staff => api.Staff;

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task approving_a_statement_that_was_not_submitted_is_a_conflict()
    {
        var incident = await Staff.PressOfficer.DeclareIncidentAsync();
        var drafted = await Staff.PressOfficer.DraftStatementAsync(incident.IncidentId);
        var draft = await Staff.Approver.GetStatementAsync(incident.IncidentId, drafted.Id!.Value);

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.Conflict, incident.IncidentId, () =>
            Staff.Approver.PostJsonAsync(ApiRoutes.Approve(incident.IncidentId, draft.Id), ApiBodies.Approval(1, draft.Revisions[0].ContentHash)));

        problem.Code.Should().Be("statement.not_in_review");
        problem.Type.Should().Be(ProblemTypes.DomainRule);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_closed_incident_accepts_no_situation_update()
    {
        var incident = await Staff.PressOfficer.DeclareIncidentAsync();
        await Staff.PressOfficer.CloseIncidentAsync(incident.IncidentId);

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.Conflict, incident.IncidentId, () =>
            Staff.PressOfficer.PostJsonAsync(ApiRoutes.Updates(incident.IncidentId), ApiBodies.SituationUpdate()));

        problem.Code.Should().Be("incident.closed");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task a_stale_if_match_is_a_conflict_that_names_the_actual_revision()
    {
        var incident = await Staff.PressOfficer.DeclareIncidentAsync();
        await Staff.PressOfficer.LogSituationUpdateAsync(incident.IncidentId);

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.Conflict, incident.IncidentId, () =>
            Staff.PressOfficer.PostJsonAsync(ApiRoutes.Updates(incident.IncidentId), ApiBodies.SituationUpdate(), ifMatch: $"\"{incident.Revision}\""));

        problem.Type.Should().Be(ProblemTypes.StaleRevision);
        problem.ActualRevision.Should().Be(1);
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task the_etag_of_the_incident_is_a_current_if_match()
    {
        var incident = await Staff.PressOfficer.DeclareIncidentAsync();
        await Staff.PressOfficer.LogSituationUpdateAsync(incident.IncidentId);
        using var read = await Staff.PressOfficer.GetAsync(ApiRoutes.Incident(incident.IncidentId));
        var etag = read.Headers.ETag?.Tag;
        etag.Should().Be("\"1\"");

        using var response = await Staff.PressOfficer.PostJsonAsync(ApiRoutes.Updates(incident.IncidentId), ApiBodies.SituationUpdate(), ifMatch: etag);

        (await response.ReadJsonAsync<CommandAccepted>(HttpStatusCode.Created)).Revision.Should().Be(2);
        response.Headers.ETag?.Tag.Should().Be("\"2\"");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task approving_the_old_hash_of_a_revised_statement_is_a_conflict()
    {
        var incident = await Staff.PressOfficer.DeclareIncidentAsync();
        var first = await Staff.PressOfficer.SubmitNewStatementAsync(incident.IncidentId);
        await Staff.PressOfficer.ReviseStatementAsync(incident.IncidentId, first.StatementId, " (revised)");
        await Staff.PressOfficer.SubmitStatementAsync(incident.IncidentId, first.StatementId, revision: 2);

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.Conflict, incident.IncidentId, () =>
            Staff.Approver.PostJsonAsync(ApiRoutes.Approve(incident.IncidentId, first.StatementId), ApiBodies.Approval(2, first.ContentHash)));

        problem.Code.Should().Be("statement.hash_mismatch");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task approving_a_superseded_revision_is_a_conflict()
    {
        var incident = await Staff.PressOfficer.DeclareIncidentAsync();
        var first = await Staff.PressOfficer.SubmitNewStatementAsync(incident.IncidentId);
        await Staff.PressOfficer.ReviseStatementAsync(incident.IncidentId, first.StatementId, " (revised)");
        await Staff.PressOfficer.SubmitStatementAsync(incident.IncidentId, first.StatementId, revision: 2);

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.Conflict, incident.IncidentId, () =>
            Staff.Approver.PostJsonAsync(ApiRoutes.Approve(incident.IncidentId, first.StatementId), ApiBodies.Approval(first.Revision, first.ContentHash)));

        problem.Code.Should().Be("statement.stale_revision");
    }

    [Fact(Timeout = TestTimeouts.Request)]
    public async Task publishing_with_one_of_two_approvals_is_a_conflict()
    {
        var incident = await Staff.PressOfficer.DeclareIncidentAsync(severity: "Extreme");
        var statement = await Staff.PressOfficer.SubmitNewStatementAsync(incident.IncidentId);
        await Staff.Approver.ApproveAsync(statement);

        var problem = await api.App.ShouldRejectAsync(HttpStatusCode.Conflict, incident.IncidentId, () =>
            Staff.PressOfficer.PostJsonAsync(ApiRoutes.Publish(incident.IncidentId, statement.StatementId), ApiBodies.Publication(statement.Revision, statement.ContentHash, "website")));

        problem.Code.Should().Be("statement.not_approved");
    }
}
