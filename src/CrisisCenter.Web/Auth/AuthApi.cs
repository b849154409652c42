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

        group.MapPost("/login", async Task<Results<Ok<Me>, ProblemHttpResult>> (SignIn body, AccountDirectory directory, HttpContext http) =>
        {
            var account = await AuthenticateAsync(body, directory, http.RequestAborted);
            if (account is null) return InvalidCredentials();
            await http.SignInAsync(AuthSchemes.Cookie, AuthenticationSetup.CreatePrincipal(account, AuthSchemes.Cookie));
            return TypedResults.Ok(ToMe(account));
        }).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).WithSummary("Sign in with a password; sets the dashboard cookie.");

        group.MapPost("/token", async Task<Results<SignInHttpResult, ProblemHttpResult>> (SignIn body, AccountDirectory directory, HttpContext http) =>
        {
            var account = await AuthenticateAsync(body, directory, http.RequestAborted);
            if (account is null) return InvalidCredentials();
            return TypedResults.SignIn(AuthenticationSetup.CreatePrincipal(account, AuthSchemes.Bearer), authenticationScheme: AuthSchemes.Bearer);
        }).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).WithSummary("Exchange a password for a bearer token (API clients).");

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

    private static async Task<UserAccount?> AuthenticateAsync(SignIn body, AccountDirectory directory, CancellationToken ct)
    {
        var problems = body.Validate();
        if (problems.Count > 0) throw new RequestValidationException(problems);
        return await directory.AuthenticateAsync(body.UserName, body.Password, ct);
    }

    private static ProblemHttpResult InvalidCredentials() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "The user name or password is wrong, or the account is disabled or locked for a while after repeated failures.");

    private static Me ToMe(UserAccount a) => new(a.UserId, a.UserName, a.DisplayName, a.AgencyCode, [.. a.Roles.Order(StringComparer.Ordinal)], a.RegionCode, a.CanLogRegionalUpdates);
}
