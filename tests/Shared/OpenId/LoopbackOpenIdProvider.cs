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

namespace CrisisCenter.Testing.OpenId;

/// <summary>
/// A small OpenID Connect provider on a loopback port, speaking the real protocol: a discovery document, a JWKS with
/// an RSA key generated here, an authorize endpoint that redirects back with a one-time code (PKCE S256 required), and
/// a token endpoint that checks the client secret, redirect URI and code verifier and issues an RS256-signed id token
/// with the nonce and the signed-in person's claims. By default the authorize endpoint consents at once for
/// <see cref="NextClaims"/> (API tests follow the redirects themselves); with <see cref="ShowSignInPage"/> it shows a
/// sign-in form, as a real provider does, for the <see cref="People"/> it knows (browser tests fill it in).
/// <see cref="IssuerInToken"/> and <see cref="SignWith"/> let a test make it lie. Shared by the API tests
/// (CrisisCenter.Web.Tests) and the browser tests (CrisisCenter.E2E), which link this file.
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

    /// <summary>The password of every person in <see cref="People"/>.</summary>
    public const string PersonPassword = "loopback-person-password";

    /// <summary>Show a sign-in page at the authorize endpoint instead of consenting at once for <see cref="NextClaims"/>.</summary>
    public bool ShowSignInPage { get; set; }

    /// <summary>Who can sign in on the sign-in page: user name → the claims of their id token (sub included).</summary>
    public ConcurrentDictionary<string, IReadOnlyDictionary<string, object>> People { get; } = new(StringComparer.Ordinal);

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
        app.MapPost("/authorize", provider.SignInAsync);
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
        var pending = new AuthorizeRequest(q["redirect_uri"]!, q["state"].ToString(), q["nonce"], q["code_challenge"]!);
        return ShowSignInPage ? SignInPage(pending, error: null) : Consent(pending, NextClaims);
    }

    /// <summary>The request the sign-in page carries in hidden fields from the authorize GET to its POST.</summary>
    private sealed record AuthorizeRequest(string RedirectUri, string State, string? Nonce, string CodeChallenge);

    private async Task<IResult> SignInAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        if (form["client_id"] != ClientId || string.IsNullOrEmpty(form["redirect_uri"]) || string.IsNullOrEmpty(form["code_challenge"]))
            return Results.BadRequest("invalid_request");
        var pending = new AuthorizeRequest(form["redirect_uri"]!, form["state"].ToString(), form["nonce"].ToString() is { Length: > 0 } n ? n : null, form["code_challenge"]!);
        if (!People.TryGetValue(form["username"].ToString(), out var claims) || form["password"] != PersonPassword)
            return SignInPage(pending, "Unknown user name or wrong password.");
        return Consent(pending, claims);
    }

    private IResult Consent(AuthorizeRequest request, IReadOnlyDictionary<string, object> claims)
    {
        var code = Base64Url(RandomNumberGenerator.GetBytes(24));
        _codes[code] = new PendingCode(request.RedirectUri, request.Nonce, request.CodeChallenge, claims);
        var back = $"{request.RedirectUri}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(request.State)}";
        return Results.Redirect(back);
    }

    private static IResult SignInPage(AuthorizeRequest request, string? error)
    {
        static string Hidden(string name, string? value) =>
            $"<input type=\"hidden\" name=\"{name}\" value=\"{WebUtility.HtmlEncode(value ?? "")}\">";
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Loopback identity provider</title></head><body>")
            .Append("<h1>Loopback identity provider</h1>")
            .Append(error is null ? "" : $"<p role=\"alert\" id=\"error\">{WebUtility.HtmlEncode(error)}</p>")
            .Append("<form method=\"post\" action=\"/authorize\" id=\"sign-in\">")
            .Append(Hidden("client_id", ClientId)).Append(Hidden("redirect_uri", request.RedirectUri)).Append(Hidden("state", request.State))
            .Append(Hidden("nonce", request.Nonce)).Append(Hidden("code_challenge", request.CodeChallenge))
            .Append("<label>User name <input name=\"username\" autocomplete=\"username\"></label>")
            .Append("<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\"></label>")
            .Append("<button type=\"submit\">Sign in</button></form></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
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
