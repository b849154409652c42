using System.Text.Json;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Application.Pipeline;
using CrisisCenter.EventStore;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CrisisCenter.Web.Errors;

/// <summary>
/// The one place where exceptions become RFC 7807 answers. Bad input is always 4xx; only a genuine fault
/// of ours is a 500 (and it is logged with its trace id).
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception) ?? UnknownCharset(context.Request, exception);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            return false;
        }
        context.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails? Map(Exception exception) => exception switch
    {
        RequestValidationException v => Validation(v.Errors),
        AccountValidationException v => Validation(v.Errors),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problem(413, "Request too large", "The request body is larger than this endpoint accepts."),
        BadHttpRequestException { InnerException: JsonException json } => MalformedJson(json),
        BadHttpRequestException b => Problem(b.StatusCode, "Bad request", b.Message),
        JsonException json => MalformedJson(json),
        WrongExpectedRevisionException w => Problem(409, "Stale revision", w.Message, ProblemTypes.StaleRevision),
        AccountConflictException c => Problem(409, "Conflict", c.Message),
        AccountNotFoundException n => Problem(404, "Not found", n.Message),
        IdempotencyConflictException i => Problem(409, "Idempotency conflict", i.Message),
        EventStoreUnavailableException u => Problem(503, "Event store unavailable", u.Message),
        OperationCanceledException => Problem(499, "Request cancelled", "The client closed the request."),
        _ => null,
    };

    /// <summary>The JSON reader throws InvalidOperationException for a Content-Type whose charset names no encoding
    /// (<c>application/json; charset=nonsense</c>): the client's choice of encoding, so 415, not our fault.</summary>
    private static ProblemDetails? UnknownCharset(HttpRequest request, Exception exception)
    {
        if (exception is not InvalidOperationException
            || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || mediaType.Charset.Value is not { Length: > 0 } charset)
        {
            return null;
        }

        try
        {
            System.Text.Encoding.GetEncoding(charset);
            return null;
        }
        catch (ArgumentException)
        {
            return Problem(415, "Unsupported charset", $"The body's charset '{charset}' is not a known encoding; send JSON as UTF-8.");
        }
    }

    /// <summary>A body that is not JSON, or JSON of the wrong shape: the field named by its JSON path, in words a
    /// client can act on (the serializer's own text names our CLR types, which says nothing to a client).</summary>
    private static ProblemDetails MalformedJson(JsonException json)
    {
        var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        string? message =
            json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) ? "Not a valid value for this field."
            : json.Message.StartsWith("Duplicate property", StringComparison.Ordinal) ? "Given more than once."
            : !json.Message.Contains("LineNumber:", StringComparison.Ordinal) ? json.Message // our converters' own words
            : null; // a syntax error: not about one field
        if (field is null || message is null)
            return Problem(400, "Malformed JSON", $"The body is not valid JSON (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1}).");
        var problem = Validation(new Dictionary<string, string[]> { [field] = [message] });
        problem.Title = "Malformed JSON";
        problem.Detail = $"{field}: {message}";
        return problem;
    }

    private static ValidationProblemDetails Validation(IReadOnlyDictionary<string, string[]> errors) =>
        new(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are not valid.",
            Type = ProblemTypes.Validation,
        };

    private static ProblemDetails Problem(int status, string title, string detail, string? type = null) =>
        new() { Status = status, Title = title, Detail = detail, Type = type };
}

/// <summary>Stable problem type URIs clients can switch on.</summary>
public static class ProblemTypes
{
    public const string Validation = "https://crisiscenter.kz/problems/validation";
    public const string StaleRevision = "https://crisiscenter.kz/problems/stale-revision";
    public const string DomainRule = "https://crisiscenter.kz/problems/rule";
}
