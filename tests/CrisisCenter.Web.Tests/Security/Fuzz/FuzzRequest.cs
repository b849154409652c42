using System.Net.Http.Headers;
using System.Text;

namespace CrisisCenter.Web.Tests.Security.Fuzz;

/// <summary>One generated request: who sends it (null: nobody signed in), what, and what is wrong with it
/// (<see cref="Defect"/>: the reason it must be refused, or null when it may be accepted).</summary>
public sealed record FuzzRequest(
    FuzzTarget Target, string? Caller, string Method, string PathAndQuery, IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body, string? ContentType, string? Defect, IReadOnlyList<string> Mutations)
{
    public HttpRequestMessage ToMessage(Uri baseAddress)
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), new Uri(baseAddress, PathAndQuery));
        foreach (var (name, value) in Headers) message.Headers.TryAddWithoutValidation(name, value);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            // Kestrel answers a body over its limit, or a request line it refuses, without reading the body and then
            // closes the connection: the body waits for the go-ahead instead of racing into the closed socket (where
            // the connection reset could swallow the answer).
            message.Headers.ExpectContinue = true;
            message.Content.Headers.ContentType = null;
            if (ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }

        return message;
    }

    /// <summary>What a failure message shows: enough to replay the request by hand.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Method).Append(' ').Append(Shorten(PathAndQuery, 300)).Append(" as ").Append(Caller ?? "anonymous")
            .Append(" [endpoint ").Append(Target).Append("; defect: ").Append(Defect ?? "none")
            .Append("; mutations: ").Append(Mutations.Count == 0 ? "none" : string.Join(", ", Mutations)).Append(']');
        foreach (var (name, value) in Headers) text.Append("\n  ").Append(name).Append(": ").Append(Shorten(value, 120));
        if (Body is not null)
        {
            text.Append("\n  Content-Type: ").Append(ContentType ?? "(none)")
                .Append("\n  body (").Append(Body.Length).Append(" bytes): ").Append(Shorten(Encoding.UTF8.GetString(Body), 400));
        }

        return text.ToString();
    }

    private static string Shorten(string value, int max) => value.Length <= max ? value : value[..max] + $"…(+{value.Length - max} chars)";
}

/// <summary>What the app answered a <see cref="FuzzRequest"/>. <see cref="ReachedApp"/>: the answer went through the
/// app's pipeline (its first middleware puts X-Content-Type-Options on every answer); Kestrel refuses a malformed
/// request line (a NUL in the path, say) on its own, before any middleware, with an empty 400.</summary>
public sealed record FuzzAnswer(int Status, string? MediaType, string Body, bool ReachedApp)
{
    public static async Task<FuzzAnswer> ReadAsync(HttpResponseMessage response) =>
        new((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(),
            response.Headers.Contains("X-Content-Type-Options"));

    public bool IsKestrelProtocolRefusal => !ReachedApp && Status is 400 or 413 or 414 or 431 && Body.Length == 0;

    /// <summary>Null when the answer is a ProblemDetails document of its own status, else what is wrong with it.</summary>
    public string? ProblemDetailsFault()
    {
        if (MediaType != "application/problem+json") return $"content type {MediaType ?? "(none)"} instead of application/problem+json";
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(Body);
            return document.RootElement.TryGetProperty("status", out var status) && status.TryGetInt32(out var value) && value == Status
                ? null
                : "no status member equal to the HTTP status";
        }
        catch (System.Text.Json.JsonException e)
        {
            return "a body that is not JSON: " + e.Message;
        }
    }

    public override string ToString() => $"{Status} {MediaType} {(Body.Length > 600 ? Body[..600] + "…" : Body)}";
}
