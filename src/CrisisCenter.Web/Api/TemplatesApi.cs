using System.Security.Claims;
using CrisisCenter.Application.Incidents;
using CrisisCenter.Application.Pipeline;
using CrisisCenter.Application.Templates;
using CrisisCenter.Domain;
using CrisisCenter.Web.Auth;
using CrisisCenter.Web.Errors;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CrisisCenter.Web.Api;

/// <summary>Holding-statement templates: every signed-in user reads them, admins keep them; press officers draft a
/// Holding statement from one, with its placeholders filled.</summary>
public static class TemplatesApi
{
    public sealed record TemplateView(Guid TemplateId, string Name, IncidentCategory Category, IReadOnlyDictionary<Language, StatementsApi.TextBody> Content, string ChangedBy, DateTimeOffset ChangedAt);

    public sealed record TemplateBody(string Name, IncidentCategory Category, IReadOnlyDictionary<Language, StatementsApi.TextBody> Content) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate()
        {
            var problems = new FieldProblems()
                .Required("name", Name, Limits.MaxTemplateNameLength)
                .When(!Enum.IsDefined(Category), "category", "One of the CAP categories (Geo, Met, Safety, ...).");
            if (Content is null || Content.Count == 0) return problems.Add("content", "Text in at least one language (kk, ru, en).").ToDictionary();
            foreach (var (language, text) in Content)
            {
                var field = "content." + language.ToCode();
                if (text is null) { problems.Add(field, "Required."); continue; }
                problems.Required(field + ".headline", text.Headline, Limits.Policy.MaxHeadlineLength)
                    .Required(field + ".body", text.Body, Limits.Policy.MaxBodyLength)
                    .Optional(field + ".instruction", text.Instruction, Limits.Policy.MaxInstructionLength);
            }
            return problems.ToDictionary();
        }

        public TemplateDraft ToDraft() => new(Name, Category, Content.ToDictionary(p => p.Key, p => new StatementText(p.Value.Headline.Trim(), p.Value.Body.Trim(), string.IsNullOrWhiteSpace(p.Value.Instruction) ? null : p.Value.Instruction.Trim())));
    }

    public sealed record PlaceholderBody(string? Region, DateTimeOffset? Time, string? Hotline);

    public sealed record FromTemplateBody(Guid TemplateId, PlaceholderBody? Values) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems()
            .When(TemplateId == Guid.Empty, "templateId", "The id of a template (see GET /api/templates).")
            .Optional("values.region", Values?.Region, Limits.MaxPlaceholderLength)
            .Optional("values.hotline", Values?.Hotline, Limits.MaxPlaceholderLength)
            .ToDictionary();
    }

    public static RouteGroupBuilder MapTemplatesApi(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/templates").WithTags("Templates");

        templates.MapGet("/", async (TemplateLibrary library, HttpContext http) =>
            TypedResults.Ok((await library.ListAsync(http.RequestAborted)).Select(ToView).ToList()))
            .WithSummary("Every holding-statement template, by category.");

        templates.MapGet("/{templateId:guid}", async Task<Results<Ok<TemplateView>, ProblemHttpResult>> (Guid templateId, TemplateLibrary library, HttpContext http) =>
            await library.FindAsync(templateId, http.RequestAborted) is { } template ? TypedResults.Ok(ToView(template)) : NotFound(templateId));

        templates.MapPost("/", async Task<Created<TemplateView>> (TemplateBody body, TemplateLibrary library, ClaimsPrincipal user, HttpContext http) =>
        {
            // A retried request with the same Idempotency-Key names the same template.
            var templateId = CommandRequest.From(http).NewEntityId("template");
            var template = await library.CreateAsync(templateId, body.ToDraft(), user.ToActor().UserId, http.RequestAborted);
            return TypedResults.Created($"/api/templates/{template.TemplateId:D}", ToView(template));
        }).RequireAuthorization(AccessPolicies.Admin).WithSummary("Create a template (admins only). Texts may use {region}, {time} and {hotline}.");

        templates.MapPut("/{templateId:guid}", async Task<Results<Ok<TemplateView>, ProblemHttpResult>> (Guid templateId, TemplateBody body, TemplateLibrary library, ClaimsPrincipal user, HttpContext http) =>
            await library.ChangeAsync(templateId, body.ToDraft(), user.ToActor().UserId, http.RequestAborted) is { } template ? TypedResults.Ok(ToView(template)) : NotFound(templateId))
            .RequireAuthorization(AccessPolicies.Admin).WithSummary("Replace a template's name, category and texts (admins only).");

        templates.MapDelete("/{templateId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid templateId, TemplateLibrary library, ClaimsPrincipal user, HttpContext http) =>
            await library.RemoveAsync(templateId, user.ToActor().UserId, http.RequestAborted) ? TypedResults.NoContent() : NotFound(templateId))
            .RequireAuthorization(AccessPolicies.Admin).WithSummary("Remove a template (admins only); statements drafted from it keep their text.");

        return api;
    }

    /// <summary>POST /api/incidents/{id}/statements/from-template: drafts a Holding statement from a template.</summary>
    public static RouteGroupBuilder MapDraftFromTemplateApi(this RouteGroupBuilder incident)
    {
        incident.MapPost("/statements/from-template", async Task<IResult> (Guid id, FromTemplateBody body, HttpContext http, IMediator mediator, TemplateLibrary library, TimeProvider clock) =>
        {
            var template = await library.FindAsync(body.TemplateId, http.RequestAborted);
            if (template is null) return NotFound(body.TemplateId);
            var snapshot = await mediator.Send(new GetIncident(id, http.User.ToActor()), http.RequestAborted);
            if (snapshot is null || !snapshot.State.Exists)
                return TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = $"No incident {id} that you may see.", Type = ProblemTypes.DomainRule });
            var values = new PlaceholderValues(body.Values?.Region, body.Values?.Time, body.Values?.Hotline);
            return await CommandResults.SendAsync(http, mediator,
                r => new DraftStatement(id, r.Context, r.NewEntityId("statement"), StatementKind.Holding,
                    TemplatePlaceholders.Fill(template, snapshot.State.Regions, values, r.Context.At)),
                createdId: r => r.NewEntityId("statement"));
        })
        .WithTags("Statements")
        .WithSummary("Draft a Holding statement from a template: {region} (the incident's first region, in each language), {time} (Asia/Almaty) and {hotline} (112) filled unless given.");
        return incident;
    }

    private static ProblemHttpResult NotFound(Guid templateId) =>
        TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Not found", Detail = $"No template with id '{templateId}'." });

    private static TemplateView ToView(StatementTemplate t) => new(
        t.TemplateId, t.Name, t.Category,
        t.Content.ToDictionary(p => p.Key, p => new StatementsApi.TextBody(p.Value.Headline, p.Value.Body, p.Value.Instruction)),
        t.ChangedBy, t.ChangedAt);
}
