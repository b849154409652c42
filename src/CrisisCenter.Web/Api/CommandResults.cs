using CrisisCenter.Application.Incidents;
using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Web.Errors;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CrisisCenter.Web.Api;

/// <summary>What a successful command answers: where the incident's stream now stands, and the id of
/// what the command created, if anything.</summary>
public sealed record CommandAccepted(Guid IncidentId, long Revision, long Position, int EventCount, bool Duplicate, Guid? Id = null, string? Code = null);

/// <summary>Sends a domain command through the mediator and maps its outcome to HTTP once, for every endpoint.</summary>
public static class CommandResults
{
    public static async Task<IResult> SendAsync(
        HttpContext http, IMediator mediator, Func<CommandRequest, IncidentCommand> build, Func<CommandRequest, Guid>? createdId = null, string? code = null)
    {
        var request = CommandRequest.From(http);
        var command = build(request);
        var outcome = await mediator.Send(new ExecuteIncidentCommand(request.Envelope(command)), http.RequestAborted);
        return ToResult(http, outcome, command.IncidentId, createdId?.Invoke(request), code);
    }

    public static IResult ToResult(HttpContext http, CommandOutcome outcome, Guid incidentId, Guid? createdId = null, string? code = null)
    {
        switch (outcome.Status)
        {
            case CommandStatus.Accepted or CommandStatus.Duplicate:
                http.Response.Headers.ETag = ETag(outcome.Revision);
                var body = new CommandAccepted(incidentId, outcome.Revision, outcome.Position, outcome.EventCount, outcome.Status == CommandStatus.Duplicate, createdId, code);
                return createdId is { } id ? TypedResults.Created(Location(http, id), body) : TypedResults.Ok(body);
            case CommandStatus.Rejected:
                return Rejected(outcome.Error!);
            default:
                var conflict = new ProblemDetails
                {
                    Status = StatusCodes.Status409Conflict,
                    Title = "Stale revision",
                    Detail = $"The incident is at revision {outcome.ActualRevision}; reload it and try again.",
                    Type = ProblemTypes.StaleRevision,
                };
                conflict.Extensions["actualRevision"] = outcome.ActualRevision;
                return TypedResults.Problem(conflict);
        }
    }

    public static string ETag(long revision) => $"\"{revision}\"";

    public static IResult Rejected(DomainError error)
    {
        var problem = new ProblemDetails
        {
            Status = error.Kind switch
            {
                ErrorKind.NotFound => StatusCodes.Status404NotFound,
                ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
                ErrorKind.Conflict => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status422UnprocessableEntity,
            },
            Title = error.Kind switch
            {
                ErrorKind.NotFound => "Not found",
                ErrorKind.Forbidden => "Not allowed",
                ErrorKind.Conflict => "Not possible now",
                _ => "Not acceptable",
            },
            Detail = error.Message,
            Type = ProblemTypes.DomainRule,
        };
        problem.Extensions["code"] = error.Code;
        if (error.Field is { } field)
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [error.Message] };
        return TypedResults.Problem(problem);
    }

    // Created resources live under the request's path: POST /api/incidents -> /api/incidents/{id}.
    private static string Location(HttpContext http, Guid id) => $"{http.Request.PathBase}{http.Request.Path.Value?.TrimEnd('/')}/{id:D}";
}
