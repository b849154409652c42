using CrisisCenter.Web.Tests.Support;
using CrisisCenter.Web.Tests.Hosting;
using CrisisCenter.Web.Api;
using CrisisCenter.Domain;
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
    /// <summary>
    /// Publication goes on after the publish command's answer: the dispatcher appends each post's attempts and outcome
    /// to the incident's stream. Waits (bounded) until every post of the incident has reached a state only an operator
    /// can change (delivered, abandoned, uncertain) and the timeline read model shows the stream's last event, and
    /// <paramref name="alsoAt"/> (another read model) says it is at that position too. Tests then judge one settled incident.
    /// </summary>
    public static async Task WaitUntilPublicationSettledAsync(this HttpClient client, CrisisCenterApp app, Guid incidentId,
        Func<long, Task<bool>>? alsoAt = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var posts = await client.GetJsonAsync<List<ChannelPostsApi.ChannelPostView>>(ApiRoutes.Incident(incidentId) + "/channel-posts");
            if (posts.Count > 0 && posts.All(p => p.Status is ChannelPostStatus.Delivered or ChannelPostStatus.Abandoned or ChannelPostStatus.Uncertain))
            {
                var last = (await app.StoredEventsAsync(incidentId))[^1].Position;
                var timeline = await client.TimelineAsync(incidentId);
                if (timeline.Count > 0 && timeline[^1].Position == last && (alsoAt is null || await alsoAt(last))) return;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Incident {incidentId} did not settle in 30 s: posts {string.Join(", ", posts.Select(p => $"{p.Channel}/{p.Language}={p.Status}"))}.");
            await Task.Delay(50);
        }
    }
}
