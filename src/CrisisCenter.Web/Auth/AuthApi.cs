using System.Security.Claims;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Application.Pipeline;
using CrisisCenter.Web.Hardening;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CrisisCenter.Web.Auth;

public static class AuthApi
{
    public sealed record SignIn(string UserName, string Password) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems()
            .Required("userName", UserName, 64)
            .Required("password", Password, 256)
            .ToDictionary();
    }

    /// <summary>The signed-in user; <paramref name="CanLogRegionalUpdates"/> tells the dashboard whether to offer an
    /// observer the situation-update form for their region.</summary>
    public sealed record Me(string UserId, string UserName, string DisplayName, string AgencyCode, IReadOnlyList<string> Roles, string? RegionCode, bool CanLogRegionalUpdates = false);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Authentication");

        group.MapPost("/login", async Task<Results<Ok<Me>, ProblemHttpResult>> (SignIn body, PasswordSignIn signIn, KnownDevices devices, HttpContext http) =>
        {
            var outcome = await SignInWithPasswordAsync(body, signIn, devices, http);
            if (outcome is not PasswordSignInResult.Succeeded { Account: var account }) return Refusal(outcome, http);
            await http.SignInAsync(AuthSchemes.Cookie, AuthenticationSetup.CreatePrincipal(account, AuthSchemes.Cookie));
            return TypedResults.Ok(ToMe(account));
        }).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).WithSummary("Sign in with a password; sets the dashboard cookie.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/token", async Task<Results<SignInHttpResult, ProblemHttpResult>> (SignIn body, PasswordSignIn signIn, KnownDevices devices, HttpContext http) =>
        {
            var outcome = await SignInWithPasswordAsync(body, signIn, devices, http);
            if (outcome is not PasswordSignInResult.Succeeded { Account: var account }) return Refusal(outcome, http);
            return TypedResults.SignIn(AuthenticationSetup.CreatePrincipal(account, AuthSchemes.Bearer), authenticationScheme: AuthSchemes.Bearer);
        }).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).WithSummary("Exchange a password for a bearer token (API clients).")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(AuthSchemes.Cookie);
            return TypedResults.NoContent();
        }).AllowAnonymous();

        group.MapGet("/me", async Task<Results<Ok<Me>, UnauthorizedHttpResult>> (ClaimsPrincipal user, AccountDirectory directory, HttpContext http) =>
        {
            var id = user.FindFirstValue(CrisisCenterClaims.UserId);
            var account = id is null ? null : await directory.FindByIdAsync(id, http.RequestAborted);
            return account is null ? TypedResults.Unauthorized() : TypedResults.Ok(ToMe(account));
        }).RequireAuthorization(AccessPolicies.SignedIn);

        return routes;
    }

    private static async Task<PasswordSignInResult> SignInWithPasswordAsync(SignIn body, PasswordSignIn signIn, KnownDevices devices, HttpContext http)
    {
        var problems = body.Validate();
        if (problems.Count > 0) throw new RequestValidationException(problems);
        var outcome = await signIn.SignInAsync(body.UserName, body.Password, devices.SourceOf(http, body.UserName), http.RequestAborted);
        if (outcome is PasswordSignInResult.Succeeded) devices.Remember(http, body.UserName);
        return outcome;
    }

    private static ProblemHttpResult Refusal(PasswordSignInResult outcome, HttpContext http)
    {
        if (outcome is not PasswordSignInResult.Throttled { RetryAfter: var wait })
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "The user name or password is wrong, or the account is disabled.");
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts",
            detail: $"Wrong passwords were tried for this account from here; try again in {seconds} s. A device that signed in to the account before is not held up by attempts from elsewhere.",
            extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = seconds });
    }

    private static Me ToMe(UserAccount a) => new(a.UserId, a.UserName, a.DisplayName, a.AgencyCode, [.. a.Roles.Order(StringComparer.Ordinal)], a.RegionCode, a.CanLogRegionalUpdates);
}
