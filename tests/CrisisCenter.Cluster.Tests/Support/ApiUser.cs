using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrisisCenter.E2E.Hosting;

namespace CrisisCenter.Cluster.Tests.Support;

/// <summary>What one HTTP command attempt came to: a status (null when no answer came: refused, reset, timed out)
/// and the JSON body, if any.</summary>
public sealed record CommandAnswer(HttpStatusCode? Status, JsonElement? Body, string? Failure)
{
    public bool IsSuccess => Status is { } status && (int)status is >= 200 and < 300;

    /// <summary>No answer or a 5xx: the command may or may not have happened; retry it with the same Idempotency-Key.</summary>
    public bool IsRetryable => Status is null || (int)Status >= 500;

    public long Position => Body!.Value.GetProperty("position").GetInt64();

    public bool Duplicate => Body!.Value.GetProperty("duplicate").GetBoolean();

    /// <summary>The domain's error code of a ProblemDetails answer ("code"), if any.</summary>
    public string? Code => Body is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("code", out var code) ? code.GetString() : null;

    public override string ToString() => Status is { } status ? $"{(int)status} {Code} {Body}" : $"no answer ({Failure})";
}

/// <summary>One signed-in user (a bearer token from POST /api/auth/token) talking HTTP to the nodes of a cluster.</summary>
public sealed class ApiUser : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    private readonly HttpClient _http;

    private ApiUser(TestUser user, string token)
    {
        User = user;
        Token = token;
        UserId = "";
        // One client for every node: requests carry absolute URLs. No pooled connection outlives a killed node for
        // long: a reset connection fails its request, which the caller retries.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30), MaxConnectionsPerServer = 64 })
        {
            Timeout = RequestTimeout,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public TestUser User { get; }

    public string Token { get; }

    /// <summary>The id the store's metadata and events name the user by (from GET /api/auth/me).</summary>
    public string UserId { get; private set; }

    public static async Task<ApiUser> SignInAsync(RunningApp node, TestUser user)
    {
        using var anonymous = new HttpClient { BaseAddress = node.BaseAddress, Timeout = RequestTimeout };
        using var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = user.UserName, password = TestUser.Password });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Signing in {user.UserName} at {node.BaseAddress} answered {(int)response.StatusCode}: {text}");
        var token = JsonDocument.Parse(text).RootElement.GetProperty("accessToken").GetString()!;
        var signedIn = new ApiUser(user, token);
        try
        {
            signedIn.UserId = (await signedIn.GetAsync(node, "/api/auth/me")).GetProperty("userId").GetString()!;
        }
        catch
        {
            signedIn.Dispose();
            throw;
        }
        return signedIn;
    }

    /// <summary>POSTs a command with an Idempotency-Key (and If-Match: the incident revision the sender saw, if
    /// given); never throws for an HTTP or network failure.</summary>
    public async Task<CommandAnswer> SendAsync(RunningApp node, string path, object body, string idempotencyKey, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.BaseAddress, path)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonElement? json = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : null;
            return new CommandAnswer(response.StatusCode, json, json is null ? text : null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return new CommandAnswer(null, null, e.GetType().Name + ": " + e.Message);
        }
    }

    public async Task<JsonElement> GetAsync(RunningApp node, string path)
    {
        using var response = await _http.GetAsync(new Uri(node.BaseAddress, path));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path} at {node.BaseAddress} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose() => _http.Dispose();
}
