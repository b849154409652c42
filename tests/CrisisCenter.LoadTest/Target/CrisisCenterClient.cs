using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CrisisCenter.LoadTest.Target;

/// <summary>The HTTP API as the harness uses it: a bearer token, declaring incidents, logging situation updates.</summary>
public sealed class CrisisCenterClient : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;

    private CrisisCenterClient(HttpClient http, string token)
    {
        _http = http;
        Token = token;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public string Token { get; }

    public static async Task<CrisisCenterClient> SignInAsync(Uri address, string user, string password, CancellationToken cancellationToken)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 512 };
        var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        var response = await http.PostAsJsonAsync("api/auth/token", new { userName = user, password }, Json, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            http.Dispose();
            throw new InvalidOperationException($"Sign-in as {user} answered {(int)response.StatusCode}: {body}");
        }

        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Json, cancellationToken)).GetProperty("accessToken").GetString()!;
        return new CrisisCenterClient(http, token);
    }

    public async Task<Guid> DeclareAsync(string title, CancellationToken cancellationToken)
    {
        var accepted = await PostAsync("api/incidents", new
        {
            title,
            description = "Declared by the load harness.",
            category = "Met",
            severity = "Moderate",
            regions = new[] { "KZ-75" },
            participatingAgencies = Array.Empty<string>(),
            visibility = "Normal",
        }, cancellationToken);
        return accepted.IncidentId;
    }

    /// <summary>Logs a situation update carrying <paramref name="text"/>; returns the global position of its event.</summary>
    public async Task<long> LogUpdateAsync(Guid incidentId, string text, CancellationToken cancellationToken)
    {
        var accepted = await PostAsync($"api/incidents/{incidentId:D}/updates", new { text, language = "ru", source = "Kazhydromet", regionCode = "KZ-75", verified = true }, cancellationToken);
        return accepted.Position;
    }

    /// <summary>GETs <paramref name="path"/> and reads the whole body; throws on a status other than 2xx.</summary>
    public async Task<string> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode ? body : throw new CommandFailedException((int)response.StatusCode, body);
    }

    public void Dispose() => _http.Dispose();

    private async Task<Accepted> PostAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync(path, body, Json, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new CommandFailedException((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }

        return (await response.Content.ReadFromJsonAsync<Accepted>(Json, cancellationToken))!;
    }

    private sealed record Accepted(Guid IncidentId, long Revision, long Position);
}

public sealed class CommandFailedException(int status, string body) : Exception($"HTTP {status}: {body}")
{
    public int Status { get; } = status;
}
