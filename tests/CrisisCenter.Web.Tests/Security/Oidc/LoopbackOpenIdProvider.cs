using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CrisisCenter.Web.Tests.Security.Oidc;

/// <summary>
/// A small OpenID Connect provider on a loopback port, speaking the real protocol: a discovery document, a JWKS with
/// an RSA key generated here, an authorize endpoint that redirects back with a one-time code (PKCE S256 required), and
/// a token endpoint that checks the client secret, redirect URI and code verifier and issues an RS256-signed id token
/// with the nonce and <see cref="NextClaims"/>. <see cref="IssuerInToken"/> and <see cref="SignWith"/> let a test make
/// it lie.
/// </summary>
public sealed class LoopbackOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "crisiscenter-tests";
    public const string ClientSecret = "loopback-client-secret";
    private const string KeyId = "loopback-key-1";

    private readonly WebApplication _app;
    private readonly RSA _publishedKey = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);

    private sealed record PendingCode(string RedirectUri, string? Nonce, string CodeChallenge, IReadOnlyDictionary<string, object> Claims);

    private LoopbackOpenIdProvider(WebApplication app, string issuer)
    {
        _app = app;
        Issuer = issuer;
    }

    /// <summary>The issuer (also the authority URL): http://127.0.0.1:port</summary>
    public string Issuer { get; }

    /// <summary>Claims of the next person to sign in (besides iss, sub is expected here too, aud, nonce, iat, exp).</summary>
    public IReadOnlyDictionary<string, object> NextClaims { get; set; } = new Dictionary<string, object>();

    /// <summary>When set, id tokens name this issuer instead of the real one.</summary>
    public string? IssuerInToken { get; set; }

    /// <summary>When set, id tokens are signed with this key instead of the published one.</summary>
    public RSA? SignWith { get; set; }

    public int TokensIssued;

    public static async Task<LoopbackOpenIdProvider> StartAsync()
    {
        var port = FreePort();
        var issuer = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(issuer);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var provider = new LoopbackOpenIdProvider(app, issuer);
        app.MapGet("/.well-known/openid-configuration", provider.Discovery);
        app.MapGet("/jwks", provider.Jwks);
        app.MapGet("/authorize", provider.Authorize);
        app.MapPost("/token", provider.TokenAsync);
        await app.StartAsync();
        return provider;
    }

    private IResult Discovery() => Results.Json(new Dictionary<string, object>
    {
        ["issuer"] = Issuer,
        ["authorization_endpoint"] = Issuer + "/authorize",
        ["token_endpoint"] = Issuer + "/token",
        ["jwks_uri"] = Issuer + "/jwks",
        ["response_types_supported"] = new[] { "code" },
        ["subject_types_supported"] = new[] { "public" },
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        ["code_challenge_methods_supported"] = new[] { "S256" },
    });

    private IResult Jwks()
    {
        var key = _publishedKey.ExportParameters(includePrivateParameters: false);
        return Results.Json(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64Url(key.Modulus!), e = Base64Url(key.Exponent!) } },
        });
    }

    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256"
            || string.IsNullOrEmpty(q["redirect_uri"]) || string.IsNullOrEmpty(q["code_challenge"]) || !q["scope"].ToString().Split(' ').Contains("openid"))
            return Results.BadRequest("invalid_request");
        var code = Base64Url(RandomNumberGenerator.GetBytes(24));
        _codes[code] = new PendingCode(q["redirect_uri"]!, q["nonce"], q["code_challenge"]!, NextClaims);
        var back = $"{q["redirect_uri"]}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(q["state"].ToString())}";
        return Results.Redirect(back);
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (clientId, secret) = ClientCredentials(request, form);
        if (clientId != ClientId || secret != ClientSecret) return Error("invalid_client", 401);
        if (form["grant_type"] != "authorization_code") return Error("unsupported_grant_type");
        if (!_codes.TryRemove(form["code"].ToString(), out var pending)) return Error("invalid_grant");
        if (form["redirect_uri"] != pending.RedirectUri) return Error("invalid_grant");
        var verifier = form["code_verifier"].ToString();
        if (verifier.Length < 43 || Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != pending.CodeChallenge) return Error("invalid_grant");

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new Dictionary<string, object>(pending.Claims)
        {
            ["iss"] = IssuerInToken ?? Issuer,
            ["aud"] = ClientId,
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 300,
        };
        if (pending.Nonce is { } nonce) payload["nonce"] = nonce;
        Interlocked.Increment(ref TokensIssued);
        return Results.Json(new { access_token = Base64Url(RandomNumberGenerator.GetBytes(24)), token_type = "Bearer", expires_in = 300, id_token = Sign(payload) });
    }

    private string Sign(Dictionary<string, object> payload)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid = KeyId }));
        var body = Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload));
        var signature = (SignWith ?? _publishedKey).SignData(Encoding.ASCII.GetBytes(header + "." + body), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return header + "." + body + "." + Base64Url(signature);
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : null);
        }
        return (form["client_id"], form["client_secret"]);
    }

    private static IResult Error(string error, int status = 400) => Results.Json(new { error }, statusCode: status);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _publishedKey.Dispose();
    }
}
