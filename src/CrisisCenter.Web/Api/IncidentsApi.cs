using CrisisCenter.Application.Incidents;
using CrisisCenter.Application.Pipeline;
using CrisisCenter.Domain;
using Mediator;

namespace CrisisCenter.Web.Api;

public static class IncidentsApi
{
    public sealed record DeclareBody(
        string Title, string? Description, IncidentCategory Category, Severity Severity, IReadOnlyList<string> Regions,
        string? LeadAgency, IReadOnlyList<string>? ParticipatingAgencies, Visibility? Visibility, IReadOnlyList<Language>? RequiredLanguages, bool? IsPublicWarning) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems()
            .Required("title", Title, Limits.Policy.MaxTitleLength)
            .Optional("description", Description, Limits.Policy.MaxDescriptionLength)
            .When(Regions is null || Regions.Count == 0 || Regions.Count > Limits.MaxListItems, "regions", "One or more region codes (e.g. KZ-75).")
            .Optional("leadAgency", LeadAgency, Limits.Policy.MaxAgencyCodeLength)
            .When(ParticipatingAgencies is { Count: > Limits.MaxListItems }, "participatingAgencies", $"At most {Limits.MaxListItems}.")
            .ToDictionary();
    }

    public sealed record AmendDetailsBody(string Title, string Description, IncidentCategory Category, IReadOnlyList<string> Regions) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems()
            .Required("title", Title, Limits.Policy.MaxTitleLength)
            .Optional("description", Description, Limits.Policy.MaxDescriptionLength)
            .When(Regions is null || Regions.Count == 0 || Regions.Count > Limits.MaxListItems, "regions", "One or more region codes.")
            .ToDictionary();
    }

    public sealed record ChangeSeverityBody(Severity Severity, string Reason) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems().Required("reason", Reason, Limits.MaxReasonLength).ToDictionary();
    }

    public sealed record AgencyBody(string AgencyCode) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems().Required("agencyCode", AgencyCode, Limits.Policy.MaxAgencyCodeLength).ToDictionary();
    }

    public sealed record NoteBody(string? Note) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems().Optional("note", Note, Limits.Policy.MaxNoteLength).ToDictionary();
    }

    public sealed record ReasonBody(string Reason) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems().Required("reason", Reason, Limits.MaxReasonLength).ToDictionary();
    }

    public sealed record SummaryBody(string Summary) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems().Required("summary", Summary, Limits.Policy.MaxNoteLength).ToDictionary();
    }

    /// <summary>Declares an incident; the lead agency defaults to the press officer's own agency.</summary>
    public static RouteGroupBuilder MapDeclareIncidentApi(this RouteGroupBuilder incidents)
    {
        incidents.MapPost("/", async (DeclareBody body, HttpContext http, IMediator mediator) =>
        {
            var request = CommandRequest.From(http);
            var id = request.NewEntityId("incident");
            var declared = await mediator.Send(new DeclareNewIncident(
                id, request.Context, request.SessionId, body.Title, body.Description ?? "", body.Category, body.Severity, body.Regions,
                body.LeadAgency ?? request.Context.Actor.AgencyCode, body.ParticipatingAgencies ?? [], body.Visibility ?? Visibility.Normal,
                body.RequiredLanguages ?? [], body.IsPublicWarning ?? false), http.RequestAborted);
            return CommandResults.ToResult(http, declared.Outcome, id, createdId: id, code: declared.Code);
        }).WithSummary("Declare an incident (press officer of the lead agency). Answers 201 with its id and code (INC-yyyy-nnnn).");
        return incidents;
    }

    /// <summary>Commands on one incident's details and lifecycle.</summary>
    public static RouteGroupBuilder MapIncidentLifecycleApi(this RouteGroupBuilder incident)
    {
        incident.MapPut("/details", (Guid id, AmendDetailsBody body, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator, r => new AmendIncidentDetails(id, r.Context, body.Title, body.Description ?? "", body.Category, body.Regions)))
            .WithSummary("Amend title, description, category and regions.");

        incident.MapPost("/severity", (Guid id, ChangeSeverityBody body, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator, r => new ChangeIncidentSeverity(id, r.Context, body.Severity, body.Reason)))
            .WithSummary("Change severity (raising it raises the approvals statements in review need).");

        incident.MapPost("/agencies", (Guid id, AgencyBody body, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator, r => new AddParticipatingAgency(id, r.Context, body.AgencyCode)))
            .WithSummary("Add a participating agency.");

        incident.MapDelete("/agencies/{agencyCode}", (Guid id, string agencyCode, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator, r => new RemoveParticipatingAgency(id, r.Context, agencyCode)))
            .WithSummary("Remove a participating agency (never the lead).");

        incident.MapPost("/stabilize", (Guid id, NoteBody body, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator, r => new StabilizeIncident(id, r.Context, body.Note)));

        incident.MapPost("/close", (Guid id, SummaryBody body, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator, r => new CloseIncident(id, r.Context, body.Summary)))
            .WithSummary("Close the incident; it then accepts nothing but reopen.");

        incident.MapPost("/reopen", (Guid id, ReasonBody body, HttpContext http, IMediator mediator) =>
            CommandResults.SendAsync(http, mediator, r => new ReopenIncident(id, r.Context, body.Reason)));

        return incident;
    }
}
