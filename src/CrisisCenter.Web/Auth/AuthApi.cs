using System.Security.Claims;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Application.Pipeline;
using CrisisCenter.Web.Hardening;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrisisCenter.Web.Auth;

public static class AuthApi
{
    /// <summary><paramref name="Code"/>: the authenticator's current code, or a recovery code, for an account that has one enrolled.</summary>
    public sealed record SignIn(string UserName, string Password, string? Code = null) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems()
            .Required("userName", UserName, 64)
            .Required("password", Password, 256)
            .Optional("code", Code, 32)
            .ToDictionary();
    }

    /// <summary>The account's second factor: whether an authenticator is enrolled, whether policy requires one for the
    /// account's roles, and whether this session was confirmed with it.</summary>
    public sealed record SecondFactorStatus(bool Enrolled, bool Required, bool ThisSession);

    /// <summary>The signed-in user; <paramref name="CanLogRegionalUpdates"/> tells the dashboard whether to offer an
    /// observer the situation-update form for their region.</summary>
    public sealed record Me(string UserId, string UserName, string DisplayName, string AgencyCode, IReadOnlyList<string> Roles, string? RegionCode, bool CanLogRegionalUpdates = false, SecondFactorStatus? SecondFactor = null);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Authentication");

        group.MapPost("/login", async Task<Results<Ok<Me>, ProblemHttpResult>> (SignIn body, PasswordSignIn signIn, SecondFactors secondFactors, KnownDevices devices, TimeProvider clock, HttpContext http) =>
        {
            var outcome = await SignInWithPasswordAsync(body, signIn, devices, http);
            if (outcome is not PasswordSignInResult.Succeeded { Account: var account } succeeded) return Refusal(outcome, http);
            var secondFactorAt = succeeded.SecondFactor is null ? (DateTimeOffset?)null : clock.GetUtcNow();
            await http.SignInAsync(AuthSchemes.Cookie, AuthenticationSetup.CreatePrincipal(account, AuthSchemes.Cookie, secondFactorAt));
            return TypedResults.Ok(ToMe(account, secondFactors, thisSession: secondFactorAt is not null));
        }).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).WithSummary("Sign in with a password; sets the dashboard cookie.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/token", async Task<Results<SignInHttpResult, ProblemHttpResult>> (SignIn body, PasswordSignIn signIn, KnownDevices devices, TimeProvider clock, HttpContext http) =>
        {
            var outcome = await SignInWithPasswordAsync(body, signIn, devices, http);
            if (outcome is not PasswordSignInResult.Succeeded { Account: var account } succeeded) return Refusal(outcome, http);
            var secondFactorAt = succeeded.SecondFactor is null ? (DateTimeOffset?)null : clock.GetUtcNow();
            return TypedResults.SignIn(AuthenticationSetup.CreatePrincipal(account, AuthSchemes.Bearer, secondFactorAt), authenticationScheme: AuthSchemes.Bearer);
        }).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).WithSummary("Exchange a password for a bearer token (API clients).")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(AuthSchemes.Cookie);
            return TypedResults.NoContent();
        }).AllowAnonymous();

        group.MapGet("/me", async Task<Results<Ok<Me>, UnauthorizedHttpResult>> (ClaimsPrincipal user, AccountDirectory directory, SecondFactors secondFactors, HttpContext http) =>
        {
            var id = user.FindFirstValue(CrisisCenterClaims.UserId);
            var account = id is null ? null : await directory.FindByIdAsync(id, http.RequestAborted);
            return account is null ? TypedResults.Unauthorized()
                : TypedResults.Ok(ToMe(account, secondFactors, thisSession: user.HasClaim(CrisisCenterClaims.AuthenticationMethods, "otp")));
        }).RequireAuthorization(AccessPolicies.SignedIn);

        routes.MapSecondFactorApi();
        return routes;
    }

    private static async Task<PasswordSignInResult> SignInWithPasswordAsync(SignIn body, PasswordSignIn signIn, KnownDevices devices, HttpContext http)
    {
        var problems = body.Validate();
        if (problems.Count > 0) throw new RequestValidationException(problems);
        var outcome = await signIn.SignInAsync(body.UserName, body.Password, body.Code, devices.SourceOf(http, body.UserName), http.RequestAborted);
        if (outcome is PasswordSignInResult.Succeeded) devices.Remember(http, body.UserName);
        return outcome;
    }

    internal static ProblemHttpResult Refusal(PasswordSignInResult outcome, HttpContext http)
    {
        if (outcome is PasswordSignInResult.SecondFactorRequired)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Second factor required",
                detail: "This account has an authenticator: send its current code (or a recovery code) as 'code' with the password.",
                type: SecondFactorProblems.Required, extensions: new Dictionary<string, object?> { ["code"] = "auth.second_factor_required" });
        if (outcome is PasswordSignInResult.SecondFactorRefused)
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Second factor refused",
                detail: "The code is wrong, expired or already used.", extensions: new Dictionary<string, object?> { ["code"] = "auth.second_factor_refused" });
        if (outcome is not PasswordSignInResult.Throttled { RetryAfter: var wait })
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "The user name or password is wrong, or the account is disabled.");
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts",
            detail: $"Wrong passwords were tried for this account from here; try again in {seconds} s. A device that signed in to the account before is not held up by attempts from elsewhere.",
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
    }

    internal static Me ToMe(UserAccount a, SecondFactors secondFactors, bool thisSession) =>
        new(a.UserId, a.UserName, a.DisplayName, a.AgencyCode, [.. a.Roles.Order(StringComparer.Ordinal)], a.RegionCode, a.CanLogRegionalUpdates,
            new SecondFactorStatus(a.Totp is not null, secondFactors.IsRequiredFor(a), thisSession));
}
