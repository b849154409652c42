using System.Security.Claims;
using System.Text;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Application.Audit;
using CrisisCenter.Application.Incidents;
using CrisisCenter.Application.Pipeline;
using CrisisCenter.Application.Projections;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Web.Api;
using CrisisCenter.Web.Auth;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrisisCenter.Web.Audit;

/// <summary>
/// Who did what, when: per incident and per user, in store order, paged by global position (<c>after</c>, <c>limit</c>),
/// as JSON or CSV (<c>format=csv</c>).
/// <list type="bullet">
/// <item>Incident audit: whoever may not see the incident gets 404 (as for every incident read); of those who see it,
/// admins and approvers of the lead or a participating agency read the audit (the people who answer for what the
/// agencies said), everyone else gets 403.</item>
/// <item>User audit: admins, and each user for themselves; anyone else 403. Entries about incidents the caller may not
/// see are left out, so a user's trail never reveals a restricted incident.</item>
/// </list>
/// </summary>
public static class AuditApi
{
    /// <summary>How long a query waits for the trail to index everything stored when it arrived.</summary>
    private static readonly TimeSpan CatchUpWait = TimeSpan.FromSeconds(5);

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/incidents/{id:guid}/audit", async Task<Results<Ok<AuditPage>, ContentHttpResult, NotFound, ForbidHttpResult>> (
            Guid id, long? after, int? limit, string? format, ClaimsPrincipal user, IMediator mediator, AuditTrail trail, IEventStore store, HttpContext http) =>
        {
            var csv = IsCsv(format);
            var actor = user.ToActor();
            var snapshot = await mediator.Send(new GetIncident(id, actor), http.RequestAborted);
            if (snapshot is null) return TypedResults.NotFound();
            if (!MayAuditIncident(actor, snapshot.State)) return TypedResults.Forbid();
            await CatchUpAsync(trail, store, http.RequestAborted);
            var page = trail.ForStream(IncidentStreams.For(id), After(after), Limit(limit));
            return csv ? Csv(http, $"incident-{id:D}-audit.csv", page) : TypedResults.Ok(page);
        }).WithTags("Audit").WithSummary("Who did what to the incident: actor, agency, roles, session, command, event type, position, time, summary (admins and approvers of its agencies).");

        api.MapGet("/users/{userId}/audit", async Task<Results<Ok<AuditPage>, ContentHttpResult, NotFound, ForbidHttpResult>> (
            string userId, DateTimeOffset? from, DateTimeOffset? to, long? after, int? limit, string? format,
            ClaimsPrincipal user, AccountDirectory directory, AuditTrail trail, IncidentBoard board, IReadYourWrites readModels, IEventStore store, HttpContext http) =>
        {
            var csv = IsCsv(format);
            if (from is { } f && to is { } t && t < f)
                throw new RequestValidationException(new Dictionary<string, string[]> { ["to"] = ["'to' must not be before 'from'."] });
            var actor = user.ToActor();
            if (actor.UserId != userId && !actor.HasRole(Role.Admin)) return TypedResults.Forbid();
            if (userId.Length > 64 || await directory.FindByIdAsync(userId, http.RequestAborted) is null) return TypedResults.NotFound();
            var last = await CatchUpAsync(trail, store, http.RequestAborted);
            // The board decides which incidents the caller sees: let it reach the same point first.
            await readModels.WaitForAsync(last, http.RequestAborted);
            var page = trail.ForActor(userId, After(after), Limit(limit), from, to, entry => entry.IncidentId is not { } incident
                || (board.Find(incident) is { } summary && IncidentVisibility.CanSee(actor, summary.Visibility, summary.LeadAgency, summary.ParticipatingAgencies, summary.Regions)));
            return csv ? Csv(http, $"user-{userId}-audit.csv", page) : TypedResults.Ok(page);
        }).WithTags("Audit").WithSummary("What a user did (admins, or the user themselves), optionally between 'from' and 'to'; entries about incidents the caller may not see are left out.");

        return api;
    }

    /// <summary>Admins who see the incident, and approvers of its lead or a participating agency.</summary>
    public static bool MayAuditIncident(Actor actor, IncidentState incident) =>
        actor.HasRole(Role.Admin)
        || (actor.HasRole(Role.Approver)
            && (actor.AgencyCode == incident.LeadAgency || incident.ParticipatingAgencies.Contains(actor.AgencyCode, StringComparer.Ordinal)));

    private static async Task<long> CatchUpAsync(AuditTrail trail, IEventStore store, CancellationToken ct)
    {
        var last = await store.GetLastPositionAsync(ct);
        await trail.WaitForAsync(last, CatchUpWait, ct);
        return last;
    }

    private static bool IsCsv(string? format) => format?.ToLowerInvariant() switch
    {
        null or "json" => false,
        "csv" => true,
        _ => throw new RequestValidationException(new Dictionary<string, string[]> { ["format"] = ["One of json, csv."] }),
    };

    private static long After(long? after) => after is { } a && a >= GlobalPosition.Start
        ? a
        : after is null ? GlobalPosition.Start : throw new RequestValidationException(new Dictionary<string, string[]> { ["after"] = ["A global position, -1 or more."] });

    private static int Limit(int? limit) => limit switch
    {
        null => AuditTrail.DefaultLimit,
        >= 1 and <= AuditTrail.MaxLimit => limit.Value,
        _ => throw new RequestValidationException(new Dictionary<string, string[]> { ["limit"] = [$"1 to {AuditTrail.MaxLimit}."] }),
    };

    private static ContentHttpResult Csv(HttpContext http, string fileName, AuditPage page)
    {
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        if (page.NextAfter is { } next) http.Response.Headers["X-Next-After"] = next.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Content(AuditCsv.Write(page.Items), "text/csv; charset=utf-8; header=present", Encoding.UTF8);
    }
}
