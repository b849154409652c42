using CrisisCenter.Application.Pipeline;
using CrisisCenter.Domain;
using Mediator;

namespace CrisisCenter.Web.Api;

public static class RumorsApi
{
    public sealed record LogBody(string Claim, string WhereSeen, string? Link, DateTimeOffset FirstSeenAt, long? EstimatedReach) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems()
            .Required("claim", Claim, Limits.Policy.MaxClaimLength)
            .Required("whereSeen", WhereSeen, Limits.Policy.MaxSourceLength)
            .Optional("link", Link, Limits.Policy.MaxLinkLength)
            .When(FirstSeenAt == default, "firstSeenAt", "When the rumour was first seen (ISO 8601 with offset).")
            .When(EstimatedReach is < 0, "estimatedReach", "Zero or more.")
            .ToDictionary();
    }

    public sealed record AssessBody(RumorVerdict Verdict, string Evidence) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems().Required("evidence", Evidence, Limits.Policy.MaxNoteLength).ToDictionary();
    }

    public sealed record CloseBody(string Reason) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems().Required("reason", Reason, Limits.MaxReasonLength).ToDictionary();
    }

    public static RouteGroupBuilder MapRumorsApi(this RouteGroupBuilder incident)
    {
        var rumors = incident.MapGroup("/rumors").WithTags("Rumours");

        rumors.MapPost("/", (Guid id, LogBody body, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator,
                r => new LogRumor(id, r.Context, r.NewEntityId("rumor"), body.Claim, body.WhereSeen, body.Link, body.FirstSeenAt, body.EstimatedReach),
                createdId: r => r.NewEntityId("rumor")))
            .WithSummary("Log a rumour seen in the wild.");

        rumors.MapPost("/{rumorId:guid}/assess", (Guid id, Guid rumorId, AssessBody body, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator, r => new AssessRumor(id, r.Context, rumorId, body.Verdict, body.Evidence)));

        rumors.MapPost("/{rumorId:guid}/close", (Guid id, Guid rumorId, CloseBody body, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator, r => new CloseRumor(id, r.Context, rumorId, body.Reason)));

        return incident;
    }
}
