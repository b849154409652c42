using System.Security.Claims;
using CrisisCenter.Application.Incidents;
using CrisisCenter.Application.Pipeline;
using CrisisCenter.Channels.Administration;
using CrisisCenter.Web.Auth;
using CrisisCenter.Domain;
using Mediator;

namespace CrisisCenter.Web.Api;

public static class StatementsApi
{
    /// <summary>The text of one language: headline, body and (for public warnings) an instruction.</summary>
    public sealed record TextBody(string Headline, string Body, string? Instruction);

    public sealed record DraftBody(StatementKind Kind, IReadOnlyDictionary<Language, TextBody> Content, Guid? ReferencesStatementId, Guid? ReferencesRumorId) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => ValidateContent(new FieldProblems(), Content).ToDictionary();
    }

    public sealed record ReviseBody(IReadOnlyDictionary<Language, TextBody> Content) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => ValidateContent(new FieldProblems(), Content).ToDictionary();
    }

    public sealed record SubmitBody(int Revision) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems().When(Revision < 1, "revision", "The revision number you are submitting (1 or more).").ToDictionary();
    }

    public sealed record ApproveBody(int Revision, string ContentHash) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems()
            .When(Revision < 1, "revision", "The revision number you read (1 or more).")
            .Required("contentHash", ContentHash, 64)
            .ToDictionary();
    }

    public sealed record RejectBody(int Revision, string Reason) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems()
            .When(Revision < 1, "revision", "The revision number you read (1 or more).")
            .Required("reason", Reason, Limits.MaxReasonLength)
            .ToDictionary();
    }

    public sealed record PublishBody(int Revision, string ContentHash, IReadOnlyList<string> Channels, DateTimeOffset? NotBefore) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate()
        {
            var problems = new FieldProblems()
                .When(Revision < 1, "revision", "The approved revision number (1 or more).")
                .Required("contentHash", ContentHash, 64)
                .When(Channels is null || Channels.Count == 0 || Channels.Count > Limits.MaxListItems, "channels", "One or more channel codes.");
            foreach (var channel in Channels ?? [])
                problems.Required("channels", channel, Limits.Policy.MaxChannelCodeLength);
            return problems.ToDictionary();
        }
    }

    public static RouteGroupBuilder MapStatementsApi(this RouteGroupBuilder incident)
    {
        var statements = incident.MapGroup("/statements").WithTags("Statements");

        statements.MapPost("/", (Guid id, DraftBody body, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator,
                r => new DraftStatement(id, r.Context, r.NewEntityId("statement"), body.Kind, ToContent(body.Content), body.ReferencesStatementId, body.ReferencesRumorId),
                createdId: r => r.NewEntityId("statement")))
            .WithSummary("Draft a statement (revision 1).");

        statements.MapPost("/{statementId:guid}/revisions", (Guid id, Guid statementId, ReviseBody body, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator, r => new ReviseStatement(id, r.Context, statementId, ToContent(body.Content))))
            .WithSummary("Revise: a new revision; earlier approvals no longer count.");

        statements.MapPost("/{statementId:guid}/submit", (Guid id, Guid statementId, SubmitBody body, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator, r => new SubmitStatement(id, r.Context, statementId, body.Revision)))
            .WithSummary("Submit the current revision for approval.");

        statements.MapPost("/{statementId:guid}/approve", (Guid id, Guid statementId, ApproveBody body, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator, r => new ApproveStatement(id, r.Context, statementId, body.Revision, body.ContentHash)))
            .WithSummary("Approve the exact revision and content hash you read.");

        statements.MapPost("/{statementId:guid}/reject", (Guid id, Guid statementId, RejectBody body, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator, r => new RejectStatement(id, r.Context, statementId, body.Revision, body.Reason)))
            .WithSummary("Reject with a reason; the statement returns to editing.");

        statements.MapPost("/{statementId:guid}/publish", async (Guid id, Guid statementId, PublishBody body, HttpContext http, IMediator mediator, ClaimsPrincipal user, ChannelTargets targets) =>
        {
            // Checked here, not in the domain: which channels exist is this server's configuration, not a fact of the
            // incident. Posts go out in every language the revision has text for, so each must reach all of them.
            var snapshot = await mediator.Send(new GetIncident(id, user.ToActor()), http.RequestAborted);
            var revision = snapshot?.State.Statements.GetValueOrDefault(statementId)?.Revisions.FirstOrDefault(r => r.Number == body.Revision);
            if (revision is not null && IncidentChannelsApi.UnpublishableChannels(body.Channels, [.. revision.Content.Keys], targets) is { } refused)
                return refused;
            return await CommandResults.SendAsync(http, mediator, r => new PublishStatement(id, r.Context, statementId, body.Revision, body.ContentHash, body.Channels, body.NotBefore));
        })
            .WithSummary("Publish the approved revision to channels: one post per channel and language. 422 naming any channel this server has not configured for those languages (see GET channels).");

        return incident;
    }

    private static FieldProblems ValidateContent(FieldProblems problems, IReadOnlyDictionary<Language, TextBody>? content)
    {
        if (content is null || content.Count == 0) return problems.Add("content", "Text in at least one language (kk, ru, en).");
        foreach (var (language, text) in content)
        {
            var field = "content." + language.ToCode();
            if (text is null) { problems.Add(field, "Required."); continue; }
            problems.Optional(field + ".headline", text.Headline, Limits.Policy.MaxHeadlineLength)
                .Optional(field + ".body", text.Body, Limits.Policy.MaxBodyLength)
                .Optional(field + ".instruction", text.Instruction, Limits.Policy.MaxInstructionLength);
        }
        return problems;
    }

    private static IReadOnlyDictionary<Language, StatementText> ToContent(IReadOnlyDictionary<Language, TextBody> content) =>
        content.ToDictionary(p => p.Key, p => new StatementText(p.Value.Headline ?? "", p.Value.Body ?? "", p.Value.Instruction));
}
