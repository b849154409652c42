using System.Net;
using System.Text.Json;

namespace CrisisCenter.Web.Tests.Api.Http;

/// <summary>An RFC 7807 answer as a client reads it: the standard members plus the app's extensions
/// (<see cref="Code"/> of a domain rule, <see cref="ActualRevision"/> of a stale If-Match, field <see cref="Errors"/>).</summary>
public sealed record ProblemAnswer(
    int Status, string Title, string? Type, string? Detail, string? Code, long? ActualRevision, IReadOnlyDictionary<string, string[]> Errors);

public static class ProblemAnswers
{
    public const string MediaType = "application/problem+json";

    /// <summary>Checks that the answer is a ProblemDetails document of <paramref name="status"/> (content type and
    /// status member included) and returns it.</summary>
    public static async Task<ProblemAnswer> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, "{0} {1} answered {2}", response.RequestMessage?.Method, response.RequestMessage?.RequestUri, text);
        response.Content.Headers.ContentType?.MediaType.Should().Be(MediaType, "every error is a ProblemDetails document; the body was {0}", text);

        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        root.GetProperty("status").GetInt32().Should().Be((int)status, "the status member matches the HTTP status");
        var title = String(root, "title");
        title.Should().NotBeNullOrWhiteSpace("a problem has a human title");
        var errors = root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object
            ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString() ?? "").ToArray(), StringComparer.Ordinal)
            : new Dictionary<string, string[]>(StringComparer.Ordinal);
        var actualRevision = root.TryGetProperty("actualRevision", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt64() : (long?)null;
        return new ProblemAnswer((int)status, title!, String(root, "type"), String(root, "detail"), String(root, "code"), actualRevision, errors);
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
