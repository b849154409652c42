using System.Security.Claims;
using CrisisCenter.Application.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Web.Auth;

public static class AuthenticationSetup
{
    public static IServiceCollection AddCrisisCenterAuthentication(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddAuthentication(AuthSchemes.CookieOrBearer)
            .AddPolicyScheme(AuthSchemes.CookieOrBearer, "Cookie or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    || HubAccessToken.From(context.Request) is not null
                        ? AuthSchemes.Bearer
                        : AuthSchemes.Cookie)
            .AddCookie(AuthSchemes.Cookie, options =>
            {
                options.Cookie.Name = "crisiscenter.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                options.LoginPath = "/";
                // An API answers 401/403, it never redirects to a sign-in page.
                options.Events.OnRedirectToLogin = context => { context.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                options.Events.OnRedirectToAccessDenied = context => { context.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
                options.Events.OnValidatePrincipal = ValidateCookieAsync;
            })
            .AddBearerToken(AuthSchemes.Bearer, options =>
            {
                options.BearerTokenExpiration = TimeSpan.FromHours(8);
                options.RefreshTokenExpiration = TimeSpan.FromDays(7);
                options.Events.OnMessageReceived = context =>
                {
                    context.Token ??= HubAccessToken.From(context.Request);
                    return Task.CompletedTask;
                };
            });
        services.AddSingleton<IPostConfigureOptions<BearerTokenOptions>, CacheBearerTickets>();
        services.AddOptions<SignInThrottlingOptions>().BindConfiguration(SignInThrottlingOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SignInThrottlingOptions>, SignInThrottlingOptionsValidator>();
        services.AddSingleton<ISignInThrottle, ClusterSignInThrottle>();
        services.AddSingleton<PasswordSignIn>();
        services.AddOptions<SecondFactorOptions>().BindConfiguration(SecondFactorOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecondFactorOptions>, SecondFactorOptionsValidator>();
        services.AddSingleton<SecondFactors>();
        services.AddSingleton<KnownDevices>();
        services.AddAuthorizationBuilder().AddAccessPolicies();
        return services;
    }

    private static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        var directory = context.HttpContext.RequestServices.GetRequiredService<AccountDirectory>();
        if (!await SessionValidation.IsCurrentAsync(context.Principal, directory, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
        }
    }

    /// <param name="secondFactorAt">When a second factor was checked in this sign-in; null for a password alone or a
    /// single sign-on (whose provider's own factors are not claimed here).</param>
    public static ClaimsPrincipal CreatePrincipal(UserAccount account, string authenticationType, DateTimeOffset? secondFactorAt = null)
    {
        var claims = new List<Claim>
        {
            new(CrisisCenterClaims.UserId, account.UserId),
            new(CrisisCenterClaims.Name, account.DisplayName),
            new(CrisisCenterClaims.Agency, account.AgencyCode),
            new(CrisisCenterClaims.SecurityStamp, account.SecurityStamp),
            new(CrisisCenterClaims.SessionId, Guid.NewGuid().ToString("N")),
            new(CrisisCenterClaims.CanLogRegionalUpdates, account.CanLogRegionalUpdates ? "true" : "false"),
        };
        claims.AddRange(account.Roles.Select(r => new Claim(CrisisCenterClaims.Role, r)));
        if (secondFactorAt is { } at)
        {
            claims.Add(new Claim(CrisisCenterClaims.AuthenticationMethods, "pwd"));
            claims.Add(new Claim(CrisisCenterClaims.AuthenticationMethods, "otp"));
            claims.Add(new Claim(CrisisCenterClaims.SecondFactorAt, at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (account.RegionCode is { } region) claims.Add(new Claim(CrisisCenterClaims.Region, region));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, CrisisCenterClaims.Name, CrisisCenterClaims.Role));
    }
}
