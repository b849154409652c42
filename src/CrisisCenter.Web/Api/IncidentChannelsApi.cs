using System.Security.Claims;
using CrisisCenter.Application.Incidents;
using CrisisCenter.Channels;
using CrisisCenter.Channels.Administration;
using CrisisCenter.Domain;
using CrisisCenter.Web.Auth;
using CrisisCenter.Web.Errors;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CrisisCenter.Web.Api;

/// <summary>
/// The channels a statement of one incident can be published to, as this server has them configured, with how each
/// has fared on this incident. The statement editor offers exactly these; publishing names nothing else
/// (<see cref="UnpublishableChannels"/> refuses the rest before anything is recorded).
/// </summary>
public static class IncidentChannelsApi
{
    public const string NotConfiguredCode = "channel.not_configured";

    /// <summary>
    /// One channel: its code and kind, whether it is switched on, the languages it has a destination for, and its
    /// posts on this incident: how many were delivered, are failing (Failed, Abandoned, Uncertain) or still on their
    /// way, and the latest one's status and error. Nothing secret: no addresses, tokens or chats.
    /// </summary>
    public sealed record PublishableChannel(
        string Code,
        ChannelKind Kind,
        bool Enabled,
        IReadOnlyList<Language> Languages,
        int Delivered,
        int Failing,
        int Pending,
        ChannelPostStatus? LastStatus,
        string? LastError);

    public static RouteGroupBuilder MapIncidentChannelsApi(this RouteGroupBuilder incident)
    {
        incident.MapGet("/channels", async Task<Results<Ok<IReadOnlyList<PublishableChannel>>, NotFound>> (
            Guid id, ClaimsPrincipal user, IMediator mediator, ChannelTargets targets, HttpContext http) =>
        {
            var snapshot = await mediator.Send(new GetIncident(id, user.ToActor()), http.RequestAborted);
            if (snapshot is null) return TypedResults.NotFound();
            // In publication order, so the last of a channel's posts is its latest outcome.
            var posts = ChannelPostsApi.ViewsOf(snapshot.State);
            IReadOnlyList<PublishableChannel> channels =
            [
                .. targets.All()
                    .OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
                    .Select(p => Describe(p.Key.ToLowerInvariant(), p.Value, posts.Where(post => string.Equals(post.Channel, p.Key, StringComparison.OrdinalIgnoreCase)).ToList())),
            ];
            return TypedResults.Ok(channels);
        }).WithTags("Channels")
          .WithSummary("The channels a statement of this incident can be published to (configured on this server), the languages each reaches, and how its posts on this incident stand.");
        return incident;
    }

    /// <summary>
    /// 422 naming every channel of <paramref name="channels"/> this server cannot publish to: not configured at all, or
    /// with no destination for one of <paramref name="languages"/> (e.g. a Telegram channel without a Kazakh chat).
    /// Null when every channel is publishable. A switched-off channel is configured: its posts wait as Abandoned
    /// ("switched off") for an operator, as the channel's admin intends.
    /// </summary>
    public static ProblemHttpResult? UnpublishableChannels(IEnumerable<string> channels, IReadOnlyCollection<Language> languages, ChannelTargets targets)
    {
        var refused = new List<string>();
        var reasons = new List<string>();
        foreach (var code in channels.Where(c => !string.IsNullOrWhiteSpace(c)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var target = targets.Find(code);
            var missing = target is null ? [] : languages.Where(l => !target.Reaches(l.ToCode())).Select(l => l.ToCode()).ToList();
            if (target is not null && missing.Count == 0) continue;
            refused.Add(code);
            reasons.Add(target is null
                ? $"Channel '{code}' is not configured on this server."
                : $"Channel '{code}' has nowhere to send {string.Join(", ", missing)} text (an admin sets that up under Channels).");
        }
        if (refused.Count == 0) return null;
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "Channel not configured",
            Detail = string.Join(" ", reasons) + " Nothing was published.",
            Type = ProblemTypes.DomainRule,
        };
        problem.Extensions["code"] = NotConfiguredCode;
        problem.Extensions["channels"] = refused;
        return TypedResults.Problem(problem);
    }

    private static PublishableChannel Describe(string code, ChannelTarget target, IReadOnlyList<ChannelPostsApi.ChannelPostView> posts)
    {
        var last = posts.Count == 0 ? null : posts[^1];
        return new PublishableChannel(
            code,
            target.Kind,
            target.Enabled,
            [.. LanguageCodes.All.Where(l => target.Reaches(l.ToCode()))],
            posts.Count(p => p.Status == ChannelPostStatus.Delivered),
            posts.Count(p => p.Status is ChannelPostStatus.Failed or ChannelPostStatus.Abandoned or ChannelPostStatus.Uncertain),
            posts.Count(p => p.Status is ChannelPostStatus.Scheduled or ChannelPostStatus.Sending),
            last?.Status,
            last?.LastError);
    }
}
