using System.Security.Claims;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Web.Hardening;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace CrisisCenter.Web.Auth;

/// <summary>
/// OpenID Connect sign-in (authorization code flow with PKCE). The provider's id token is validated by the handler
/// (issuer and signing keys from the provider's discovery document, audience = our client id, nonce, lifetime); its
/// claims are then mapped to an agency and roles (<see cref="OidcOptions"/>), the account is provisioned or brought up
/// to date in the directory (events, so an admin can disable it and its sessions end like a local one's), and the
/// browser gets our own cookie with our own claims: from then on nothing tells an SSO session from a local one.
/// </summary>
public static class OidcSignIn
{
    public const string Scheme = "oidc";

    /// <summary>Where a refused or failed SSO sign-in lands: the sign-in screen, which says so (and why, from
    /// <c>reason</c>: one of <see cref="SsoRefusal"/>).</summary>
    public const string FailedRedirect = "/?sso=failed";

    public static string FailedRedirectFor(string reason) => $"{FailedRedirect}&reason={reason}";

    private const string RefusalItem = "CrisisCenter.SsoRefusal";

    public static IServiceCollection AddOidcSignIn(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() ?? new OidcOptions();
        services.AddSingleton(options);
        if (!options.IsEnabled) return services;
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out _))
            throw new InvalidOperationException($"{OidcOptions.Section}:Authority must be an absolute URL (the provider's issuer).");

        services.AddAuthentication().AddOpenIdConnect(Scheme, "Single sign-on", oidc =>
        {
            oidc.Authority = options.Authority;
            oidc.ClientId = options.ClientId;
            oidc.ClientSecret = options.ClientSecret;
            oidc.ResponseType = OpenIdConnectResponseType.Code;
            oidc.ResponseMode = OpenIdConnectResponseMode.Query;
            oidc.UsePkce = true;
            oidc.Scope.Clear();
            oidc.Scope.Add("openid");
            foreach (var scope in options.Scopes.Where(s => !string.IsNullOrWhiteSpace(s) && s != "openid")) oidc.Scope.Add(scope);
            oidc.RequireHttpsMetadata = options.RequireHttpsMetadata;
            oidc.CallbackPath = options.CallbackPath;
            oidc.SignInScheme = AuthSchemes.Cookie;
            oidc.MapInboundClaims = false;
            oidc.SaveTokens = false;
            oidc.GetClaimsFromUserInfoEndpoint = false;
            // The provider sends the browser back with a top-level GET: Lax is enough, and these cookies live minutes.
            oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
            oidc.NonceCookie.SameSite = SameSiteMode.Lax;
            var secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            oidc.CorrelationCookie.SecurePolicy = secure;
            oidc.NonceCookie.SecurePolicy = secure;
            oidc.Events.OnTokenValidated = context => MapToAccountAsync(context, options);
            oidc.Events.OnRemoteFailure = context =>
            {
                // The id token was fine but the person may not use CrisisCenter: say why. Anything else (a token that
                // fails validation, a provider error, an expired correlation) is a plain failure.
                var reason = context.HttpContext.Items[RefusalItem] as string ?? SsoRefusal.Failed;
                context.Response.Redirect(FailedRedirectFor(reason));
                context.HandleResponse();
                return Task.CompletedTask;
            };
            oidc.Events.OnAccessDenied = context =>
            {
                context.Response.Redirect(FailedRedirectFor(SsoRefusal.Failed));
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
        return services;
    }

    public sealed record Providers(bool Sso, string? SsoLoginPath);

    public static IEndpointRouteBuilder MapOidcApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Authentication");

        group.MapGet("/providers", (OidcOptions options) =>
            TypedResults.Ok(new Providers(options.IsEnabled, options.IsEnabled ? "/api/auth/oidc/login" : null)))
            .AllowAnonymous().WithSummary("Which sign-in methods this deployment offers (the sign-in screen shows an SSO button when configured).");

        group.MapGet("/oidc/login", Results<ChallengeHttpResult, NotFound> (OidcOptions options) =>
            options.IsEnabled
                ? TypedResults.Challenge(new AuthenticationProperties { RedirectUri = "/" }, [Scheme])
                : TypedResults.NotFound())
            .AllowAnonymous().RequireRateLimiting(RateLimits.SignIn)
            .WithSummary("Start single sign-on: redirects to the OpenID Connect provider (404 when none is configured).");

        return routes;
    }

    /// <summary>The external identity the validated id token describes, or why it is refused (a
    /// <see cref="SsoRefusal"/> code and a message for the log).</summary>
    public static (ExternalIdentity? Identity, (string Code, string Message)? Refusal) ToIdentity(ClaimsPrincipal token, OidcOptions options)
    {
        var issuer = token.FindFirstValue("iss");
        var subject = token.FindFirstValue("sub");
        if (string.IsNullOrWhiteSpace(issuer) || string.IsNullOrWhiteSpace(subject)) return (null, (SsoRefusal.Failed, "The id token names no issuer or subject."));
        var agencyValue = token.FindFirstValue(options.AgencyClaim);
        var agency = agencyValue is null ? null : options.AgencyMap.GetValueOrDefault(agencyValue, agencyValue);
        if (string.IsNullOrWhiteSpace(agency)) return (null, (SsoRefusal.NoAgency, $"The id token has no '{options.AgencyClaim}' claim."));
        var roles = token.FindAll(options.RolesClaim)
            .Select(c => options.RoleMap.GetValueOrDefault(c.Value, c.Value))
            .Where(NewAccount.KnownRoles.Contains)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (roles.Count == 0) return (null, (SsoRefusal.NoRole, $"No '{options.RolesClaim}' claim maps to a role."));
        var userName = token.FindFirstValue(options.UserNameClaim) ?? "";
        var displayName = token.FindFirstValue(options.DisplayNameClaim) is { Length: > 0 } name ? name : userName.Length > 0 ? userName : subject;
        var region = options.RegionClaim is { } regionClaim ? token.FindFirstValue(regionClaim) : null;
        return (new ExternalIdentity(issuer, subject, userName, displayName.Length > 200 ? displayName[..200] : displayName, agency, roles, region), null);
    }

    private static async Task MapToAccountAsync(Microsoft.AspNetCore.Authentication.OpenIdConnect.TokenValidatedContext context, OidcOptions options)
    {
        var (identity, refusal) = ToIdentity(context.Principal!, options);
        if (identity is null)
        {
            Refuse(context, refusal!.Value.Code, refusal.Value.Message);
            return;
        }
        var directory = context.HttpContext.RequestServices.GetRequiredService<AccountDirectory>();
        try
        {
            var account = await directory.SignInExternalAsync(identity, context.HttpContext.RequestAborted);
            if (account is null)
            {
                Refuse(context, SsoRefusal.Disabled, "The account is disabled.");
                return;
            }
            context.Principal = AuthenticationSetup.CreatePrincipal(account, AuthSchemes.Cookie);
        }
        catch (AccountValidationException e)
        {
            var code = e.Errors.ContainsKey("agencyCode") ? SsoRefusal.NoAgency : SsoRefusal.Failed;
            Refuse(context, code, string.Join(" ", e.Errors.SelectMany(p => p.Value)));
        }
    }

    private static void Refuse(Microsoft.AspNetCore.Authentication.OpenIdConnect.TokenValidatedContext context, string code, string message)
    {
        context.HttpContext.Items[RefusalItem] = code;
        context.Fail(message);
    }
}

/// <summary>Why a single sign-on was refused: the <c>reason</c> of <see cref="OidcSignIn.FailedRedirect"/>, which the
/// sign-in screen explains (a person the provider knows but who has no CrisisCenter role is told so, not shown an error).</summary>
public static class SsoRefusal
{
    /// <summary>The provider's token names no agency, or one CrisisCenter does not know.</summary>
    public const string NoAgency = "no-agency";

    /// <summary>None of the person's groups or roles maps to a CrisisCenter role.</summary>
    public const string NoRole = "no-role";

    /// <summary>The account was disabled by an administrator.</summary>
    public const string Disabled = "disabled";

    /// <summary>Anything else: the provider's answer could not be validated, or the sign-in was cancelled.</summary>
    public const string Failed = "failed";
}
