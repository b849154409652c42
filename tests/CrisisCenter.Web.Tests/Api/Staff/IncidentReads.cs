using CrisisCenter.Application.Incidents;
using CrisisCenter.Application.Projections;
using CrisisCenter.EventStore;
using CrisisCenter.Web.Tests.Api.Http;

namespace CrisisCenter.Web.Tests.Api.Staff;

/// <summary>The queries a dashboard makes, read as the app's own read shapes.</summary>
public static class IncidentReads
{
    public static Task<IncidentDetail> GetIncidentAsync(this HttpClient client, Guid incidentId) =>
        client.GetJsonAsync<IncidentDetail>(ApiRoutes.Incident(incidentId));

    public static Task<StatementView> GetStatementAsync(this HttpClient client, Guid incidentId, Guid statementId) =>
        client.GetJsonAsync<StatementView>(ApiRoutes.Statement(incidentId, statementId));

    public static Task<List<TimelineEntry>> TimelineAsync(this HttpClient client, Guid incidentId) =>
        client.GetJsonAsync<List<TimelineEntry>>(ApiRoutes.Timeline(incidentId));

    public static Task<IncidentKpiReport> KpisAsync(this HttpClient client, Guid incidentId) =>
        client.GetJsonAsync<IncidentKpiReport>(ApiRoutes.Kpis(incidentId));

    public static Task<VerificationResult> VerifyAsync(this HttpClient client, Guid incidentId) =>
        client.GetJsonAsync<VerificationResult>(ApiRoutes.Verify(incidentId));

    public static Task<List<PendingApproval>> ApprovalQueueAsync(this HttpClient approver) =>
        approver.GetJsonAsync<List<PendingApproval>>(ApiRoutes.Approvals);

    /// <summary>The board rows whose code or title contains <paramref name="text"/>.</summary>
    public static async Task<IReadOnlyList<IncidentSummary>> BoardAsync(this HttpClient client, string text) =>
        (await client.GetJsonAsync<Page<IncidentSummary>>(ApiRoutes.Board(text))).Items;
}
