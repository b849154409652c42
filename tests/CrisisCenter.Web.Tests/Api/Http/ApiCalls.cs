using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CrisisCenter.Web.Tests.Api.Http;

/// <summary>Plain HTTP calls with the headers the API understands, and typed reads of successful answers.</summary>
public static class ApiCalls
{
    public const string IdempotencyKey = "Idempotency-Key";

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body, string? idempotencyKey = null, string? ifMatch = null) =>
        client.SendJsonAsync(HttpMethod.Post, path, body, idempotencyKey, ifMatch);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, object body) =>
        client.SendJsonAsync(HttpMethod.Put, path, body, idempotencyKey: null, ifMatch: null);

    /// <summary>Sends <paramref name="json"/> exactly as written (malformed or ambiguous JSON included).</summary>
    public static Task<HttpResponseMessage> PostRawJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Reads the body as <typeparamref name="T"/> after checking the status (the body is in the failure message).</summary>
    public static async Task<T> ReadJsonAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "{0} {1} answered {2}", response.RequestMessage?.Method, response.RequestMessage?.RequestUri, text);
        return JsonSerializer.Deserialize<T>(text, ApiJsonOptions.Read)
               ?? throw new InvalidOperationException($"{response.RequestMessage?.RequestUri} answered null.");
    }

    public static async Task<T> GetJsonAsync<T>(this HttpClient client, string path) =>
        await (await client.GetAsync(path)).ReadJsonAsync<T>();

    private static Task<HttpResponseMessage> SendJsonAsync(this HttpClient client, HttpMethod method, string path, object body, string? idempotencyKey, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add(IdempotencyKey, idempotencyKey);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request);
    }
}
