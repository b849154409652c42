using System.Security.Claims;
using CrisisCenter.Application.Incidents;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Web.Auth;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrisisCenter.Web.Api;

public static class IncidentQueriesApi
{
    public static RouteGroupBuilder MapIncidentQueriesApi(this RouteGroupBuilder incident)
    {
        incident.MapGet("/", async Task<Results<Ok<IncidentDetail>, NotFound>> (Guid id, ClaimsPrincipal user, IMediator mediator, IncidentPolicy policy, HttpContext http) =>
        {
            var snapshot = await mediator.Send(new GetIncident(id, user.ToActor()), http.RequestAborted);
            if (snapshot is null) return TypedResults.NotFound();
            http.Response.Headers.ETag = CommandResults.ETag(snapshot.Revision);
            return TypedResults.Ok(snapshot.ToDetail(policy));
        }).WithSummary("The incident with its statements (every revision, text and hash), situation updates and rumours. ETag = stream revision.");

        incident.MapGet("/statements", async Task<Results<Ok<IReadOnlyList<StatementView>>, NotFound>> (Guid id, ClaimsPrincipal user, IMediator mediator, IncidentPolicy policy, HttpContext http) =>
        {
            var snapshot = await mediator.Send(new GetIncident(id, user.ToActor()), http.RequestAborted);
            return snapshot is null ? TypedResults.NotFound() : TypedResults.Ok(snapshot.ToDetail(policy).Statements);
        }).WithTags("Statements");

        incident.MapGet("/statements/{statementId:guid}", async Task<Results<Ok<StatementView>, NotFound>> (Guid id, Guid statementId, ClaimsPrincipal user, IMediator mediator, HttpContext http) =>
        {
            var snapshot = await mediator.Send(new GetIncident(id, user.ToActor()), http.RequestAborted);
            var statement = snapshot?.State.Statements.GetValueOrDefault(statementId);
            return statement is null ? TypedResults.NotFound() : TypedResults.Ok(statement.ToView(snapshot!.State));
        }).WithTags("Statements").WithSummary("One statement: every revision with its text, content hash, approvals; rejections; channel posts.");

        // Admins only, but an incident the caller may not see is answered 404 first, as everywhere: a 403 would
        // tell a non-admin outsider that a restricted incident exists.
        incident.MapGet("/verify", async Task<Results<Ok<VerificationResult>, NotFound, ForbidHttpResult>> (Guid id, ClaimsPrincipal user, IMediator mediator, StreamVerifier verifier, HttpContext http) =>
        {
            var actor = user.ToActor();
            var snapshot = await mediator.Send(new GetIncident(id, actor), http.RequestAborted);
            if (snapshot is null) return TypedResults.NotFound();
            if (!actor.HasRole(Role.Admin)) return TypedResults.Forbid();
            return TypedResults.Ok(await verifier.VerifyAsync(IncidentStreams.For(id), http.RequestAborted));
        }).WithSummary("Walk the incident's hash chain and report the first broken event, if any (admins who may see the incident).");

        return incident;
    }
}
