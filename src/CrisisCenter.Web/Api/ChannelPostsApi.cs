using System.Security.Claims;
using CrisisCenter.Application.Incidents;
using CrisisCenter.Application.Pipeline;
using CrisisCenter.Domain;
using CrisisCenter.Web.Auth;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrisisCenter.Web.Api;

/// <summary>
/// The channel posts of an incident and what an operator does with the ones waiting for them: hand an Abandoned or
/// Uncertain post back to the dispatcher, or confirm that an Uncertain one did go out. The domain decides who may
/// (press officers of the lead or a participating agency) and when (409 with its code otherwise).
/// </summary>
public static class ChannelPostsApi
{
    public sealed record RetryBody(string? Note) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() =>
            new FieldProblems().Optional("note", Note, Limits.Policy.MaxNoteLength).ToDictionary();
    }

    public sealed record ConfirmBody(string? ExternalId, string? Url, string? Note) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems()
            .Optional("externalId", ExternalId, Limits.Policy.MaxLinkLength)
            .Optional("url", Url, Limits.Policy.MaxLinkLength)
            .Optional("note", Note, Limits.Policy.MaxNoteLength)
            .ToDictionary();
    }

    /// <summary>One post as the publication panel shows it: where it goes, where it stands, and the statement it carries.</summary>
    public sealed record ChannelPostView(
        Guid Id, Guid StatementId, StatementKind StatementKind, int Revision, string Channel, Language Language, ChannelPostAction Action,
        Guid? OriginalPostId, ChannelPostStatus Status, int Attempts, DateTimeOffset? NotBefore, DateTimeOffset? NextRetryAt,
        string? LastError, string? Note, string? ExternalId, string? Url, bool AwaitsOperator);

    public static RouteGroupBuilder MapChannelPostsApi(this RouteGroupBuilder incident)
    {
        var posts = incident.MapGroup("/channel-posts").WithTags("Channel posts");

        posts.MapGet("/", async Task<Results<Ok<IReadOnlyList<ChannelPostView>>, NotFound>> (Guid id, ClaimsPrincipal user, IMediator mediator, HttpContext http) =>
        {
            var snapshot = await mediator.Send(new GetIncident(id, user.ToActor()), http.RequestAborted);
            if (snapshot is null) return TypedResults.NotFound();
            http.Response.Headers.ETag = CommandResults.ETag(snapshot.Revision);
            return TypedResults.Ok(ViewsOf(snapshot.State));
        }).WithSummary("Every channel post of the incident (statement, channel, language) with its delivery state, in publication order. ETag = stream revision.");

        posts.MapPost("/{postId:guid}/retry", (Guid id, Guid postId, RetryBody? body, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator, r => new RetryChannelPost(id, r.Context, postId, Blank(body?.Note))))
            .WithSummary("Hand an Abandoned post back to the dispatcher, or re-send an Uncertain one after checking it did not go out (press officers of the incident).");

        posts.MapPost("/{postId:guid}/confirm-delivered", (Guid id, Guid postId, ConfirmBody? body, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator, r => new ConfirmChannelPostDelivered(id, r.Context, postId, Blank(body?.ExternalId), Blank(body?.Url), Blank(body?.Note))))
            .WithSummary("Confirm that an Uncertain post did reach its channel, with the external id / URL found there (press officers of the incident).");

        return incident;
    }

    internal static IReadOnlyList<ChannelPostView> ViewsOf(IncidentState state) =>
    [
        .. state.Statements.Values
            .OrderBy(s => s.Revisions[0].At)
            .SelectMany(s => s.PostIds.Select(postId => state.ChannelPosts.GetValueOrDefault(postId)).OfType<ChannelPostState>()
                .Select(p => new ChannelPostView(
                    p.Id, p.StatementId, s.Kind, p.Revision, p.Channel, p.Language, p.Action, p.OriginalPostId, p.Status, p.Attempts,
                    p.NotBefore, p.NextRetryAt, p.LastError, p.Note, p.ExternalId, p.Url, p.AwaitsOperator))),
    ];

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
