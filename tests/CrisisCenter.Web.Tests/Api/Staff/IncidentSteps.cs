using System.Net;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Tests.Api.Http;

namespace CrisisCenter.Web.Tests.Api.Staff;

/// <summary>A statement submitted for approval: what an approval must name.</summary>
public sealed record StatementInReview(Guid IncidentId, Guid StatementId, int Revision, string ContentHash);

/// <summary>What the staff do when all goes well: each step sends one command and insists that it was accepted,
/// so a test's setup cannot silently fail.</summary>
public static class IncidentSteps
{
    public static async Task<CommandAccepted> DeclareIncidentAsync(this HttpClient pressOfficer, string severity = "Moderate", string visibility = "Normal") =>
        await (await pressOfficer.PostJsonAsync(ApiRoutes.Incidents, ApiBodies.Declaration(severity: severity, visibility: visibility)))
            .ReadJsonAsync<CommandAccepted>(HttpStatusCode.Created);

    public static async Task<CommandAccepted> LogSituationUpdateAsync(this HttpClient pressOfficer, Guid incidentId, string? idempotencyKey = null) =>
        await (await pressOfficer.PostJsonAsync(ApiRoutes.Updates(incidentId), ApiBodies.SituationUpdate(), idempotencyKey))
            .ReadJsonAsync<CommandAccepted>(HttpStatusCode.Created);

    public static async Task<CommandAccepted> DraftStatementAsync(this HttpClient pressOfficer, Guid incidentId) =>
        await (await pressOfficer.PostJsonAsync(ApiRoutes.Statements(incidentId), ApiBodies.KazakhAndRussianStatement()))
            .ReadJsonAsync<CommandAccepted>(HttpStatusCode.Created);

    public static async Task<CommandAccepted> ReviseStatementAsync(this HttpClient pressOfficer, Guid incidentId, Guid statementId, string variant) =>
        await (await pressOfficer.PostJsonAsync(ApiRoutes.Revisions(incidentId, statementId), ApiBodies.Revision(variant)))
            .ReadJsonAsync<CommandAccepted>();

    public static async Task<CommandAccepted> SubmitStatementAsync(this HttpClient pressOfficer, Guid incidentId, Guid statementId, int revision) =>
        await (await pressOfficer.PostJsonAsync(ApiRoutes.Submit(incidentId, statementId), ApiBodies.Submission(revision)))
            .ReadJsonAsync<CommandAccepted>();

    public static async Task<CommandAccepted> ApproveAsync(this HttpClient approver, StatementInReview statement) =>
        await (await approver.PostJsonAsync(ApiRoutes.Approve(statement.IncidentId, statement.StatementId), ApiBodies.Approval(statement.Revision, statement.ContentHash)))
            .ReadJsonAsync<CommandAccepted>();

    public static async Task<CommandAccepted> PublishAsync(this HttpClient pressOfficer, StatementInReview statement, params string[] channels) =>
        await (await pressOfficer.PostJsonAsync(ApiRoutes.Publish(statement.IncidentId, statement.StatementId), ApiBodies.Publication(statement.Revision, statement.ContentHash, channels)))
            .ReadJsonAsync<CommandAccepted>();

    public static async Task<CommandAccepted> CloseIncidentAsync(this HttpClient pressOfficer, Guid incidentId) =>
        await (await pressOfficer.PostJsonAsync(ApiRoutes.Close(incidentId), ApiBodies.Closing())).ReadJsonAsync<CommandAccepted>();

    /// <summary>Drafts a Kazakh and Russian statement and submits its first revision; the hash is the one the API shows.</summary>
    public static async Task<StatementInReview> SubmitNewStatementAsync(this HttpClient pressOfficer, Guid incidentId)
    {
        var drafted = await pressOfficer.DraftStatementAsync(incidentId);
        var statementId = drafted.Id!.Value;
        await pressOfficer.SubmitStatementAsync(incidentId, statementId, revision: 1);
        var statement = await pressOfficer.GetStatementAsync(incidentId, statementId);
        return new StatementInReview(incidentId, statementId, 1, statement.Revisions[0].ContentHash);
    }
}
