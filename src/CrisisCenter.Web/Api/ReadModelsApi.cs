using System.Security.Claims;
using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Reminders;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Web.Api;

/// <summary>Queries answered by the projections (board, approval queue, timeline, KPIs). Restricted incidents
/// are answered 404 to users outside their agencies, exactly as if they did not exist.</summary>
public static class ReadModelsApi
{
    public static RouteGroupBuilder MapBoardApi(this RouteGroupBuilder incidents)
    {
        incidents.MapGet("/", (ClaimsPrincipal user, IncidentBoard board,
            IncidentStatus? status, Severity? severity, string? region, string? agency, string? q, int? page, int? pageSize) =>
        {
            var actor = user.ToActor();
            var query = new IncidentBoardQuery(status, severity, region, agency, q,
                Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? IncidentBoardQuery.DefaultPageSize, 1, IncidentBoardQuery.MaxPageSize));
            return TypedResults.Ok(board.Query(query, summary => CanSee(actor, summary)));
        }).WithSummary("The incident board: filters by status, severity, region, agency (lead or participating) and text; newest activity first.");
        return incidents;
    }

    public static RouteGroupBuilder MapIncidentReadModelsApi(this RouteGroupBuilder incident)
    {
        incident.MapGet("/timeline", Results<Ok<IReadOnlyList<TimelineEntry>>, NotFound> (Guid id, ClaimsPrincipal user, IncidentBoard board, IncidentTimeline timeline, long? after, int? limit) =>
            Visible(board, id, user) is null
                ? TypedResults.NotFound()
                : TypedResults.Ok(timeline.ForIncident(id, after ?? GlobalPosition.Start, Math.Clamp(limit ?? IncidentTimeline.DefaultLimit, 1, IncidentTimeline.MaxLimit))))
            .WithSummary("Timeline entries of the incident after a global position (exclusive), in store order. Page with after = last position seen.");

        incident.MapGet("/kpis", async Task<Results<Ok<IncidentKpiReport>, NotFound>> (Guid id, ClaimsPrincipal user, IncidentBoard board, IncidentKpiReports kpis, CancellationToken ct) =>
            Visible(board, id, user) is not null && await kpis.ForAsync(id, ct) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound())
            .WithSummary("Time to first public statement, approval turnaround, rumour rebuttal times, deliveries per channel.");

        return incident;
    }

    public static RouteGroupBuilder MapApprovalsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/approvals", (ClaimsPrincipal user, ApprovalQueue queue, TimeProvider clock, IOptions<ReminderOptions> reminders) =>
        {
            var actor = user.ToActor();
            IReadOnlyList<PendingApproval> pending = actor.HasRole(Role.Approver) ? queue.For(actor.UserId, actor.AgencyCode) : [];
            return TypedResults.Ok(WaitingApprovals.Flag(pending, clock.GetUtcNow(), reminders.Value.ApprovalWaitingThreshold));
        }).WithTags("Statements").WithSummary("Statements waiting for the signed-in approver: their agency leads, they did not write it, they have not approved it yet. Oldest first; waitingTooLong flags those waiting longer than the configured threshold (default 30 minutes).");
        return api;
    }

    internal static IncidentSummary? Visible(IncidentBoard board, Guid id, ClaimsPrincipal user) =>
        board.Find(id) is { } summary && CanSee(user.ToActor(), summary) ? summary : null;

    private static bool CanSee(Actor actor, IncidentSummary summary) =>
        IncidentVisibility.CanSee(actor, summary.Visibility, summary.LeadAgency, summary.ParticipatingAgencies, summary.Regions);
}
