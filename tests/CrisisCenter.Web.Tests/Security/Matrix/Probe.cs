using System.Net.Http.Json;

namespace CrisisCenter.Web.Tests.Security.Matrix;

/// <summary>One HTTP request of the matrix, sendable as anyone.</summary>
public sealed record Probe(string Method, string Path, object? Body = null)
{
    public async Task<HttpResponseMessage> SendAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null) request.Content = JsonContent.Create(Body, Body.GetType());
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    public override string ToString() => $"{Method} {Path}";
}
