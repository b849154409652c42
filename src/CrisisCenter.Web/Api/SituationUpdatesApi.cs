using CrisisCenter.Application.Pipeline;
using CrisisCenter.Domain;
using Mediator;

namespace CrisisCenter.Web.Api;

public static class SituationUpdatesApi
{
    public sealed record LogBody(string Text, Language Language, string Source, string? RegionCode, bool Verified) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems()
            .Required("text", Text, Limits.Policy.MaxSituationUpdateLength)
            .Required("source", Source, Limits.Policy.MaxSourceLength)
            .Optional("regionCode", RegionCode, 16)
            .ToDictionary();
    }

    public sealed record CorrectBody(string Text, string Reason, bool Verified) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems()
            .Required("text", Text, Limits.Policy.MaxSituationUpdateLength)
            .Required("reason", Reason, Limits.MaxReasonLength)
            .ToDictionary();
    }

    public static RouteGroupBuilder MapSituationUpdatesApi(this RouteGroupBuilder incident)
    {
        var updates = incident.MapGroup("/updates").WithTags("Situation updates");

        updates.MapPost("/", (Guid id, LogBody body, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator,
                r => new LogSituationUpdate(id, r.Context, r.NewEntityId("update"), body.Text, body.Language, body.Source, body.RegionCode, body.Verified),
                createdId: r => r.NewEntityId("update")))
            .WithSummary("Log a time-stamped situation update.");

        updates.MapPost("/{updateId:guid}/corrections", (Guid id, Guid updateId, CorrectBody body, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator,
                r => new CorrectSituationUpdate(id, r.Context, r.NewEntityId("update"), updateId, body.Text, body.Reason, body.Verified),
                createdId: r => r.NewEntityId("update")))
            .WithSummary("Correct an update: a new update linked to it; the original is kept.");

        return incident;
    }
}
