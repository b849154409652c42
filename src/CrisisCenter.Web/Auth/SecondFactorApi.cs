using System.Security.Claims;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Application.Pipeline;
using CrisisCenter.Grains.SignIn;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Web.Auth;

public static class SecondFactorProblems
{
    public const string Required = "https://crisiscenter.kz/problems/second-factor-required";
}

/// <summary>
/// Enrolling a TOTP authenticator (for oneself: begin, then confirm with a code from the app, which returns the
/// recovery codes once) and an admin's reset of someone's second factors (a lost phone; an event in the directory,
/// in the audit with the admin as actor).
/// </summary>
public static class SecondFactorApi
{
    public sealed record ConfirmTotp(string Ticket, string Code) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems()
            .Required("ticket", Ticket, 4096)
            .Required("code", Code, 16)
            .ToDictionary();
    }

    public sealed record RecoveryCodes(IReadOnlyList<string> Codes);

    public sealed record StepUpBody(string Code) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems().Required("code", Code, 32).ToDictionary();
    }

    public sealed record ResetBody(string Reason) : IValidate
    {
        public IReadOnlyDictionary<string, string[]> Validate() => new FieldProblems().Required("reason", Reason, 500).ToDictionary();
    }

    public static IEndpointRouteBuilder MapSecondFactorApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth/second-factor").WithTags("Authentication").RequireAuthorization(AccessPolicies.SignedIn);

        group.MapPost("/totp/enrolment", async Task<Results<Ok<TotpEnrolment>, ProblemHttpResult>> (ClaimsPrincipal user, AccountDirectory directory, SecondFactors secondFactors, HttpContext http) =>
        {
            var account = await CurrentAsync(user, directory, http);
            if (account.PasswordHash.Length == 0)
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "A single sign-on account uses its identity provider's second factors.");
            return TypedResults.Ok(secondFactors.BeginTotpEnrolment(account));
        }).WithSummary("Start enrolling an authenticator app: returns its secret and otpauth:// address, shown this once.");

        group.MapPost("/totp/confirm", async Task<Ok<RecoveryCodes>> (ConfirmTotp body, ClaimsPrincipal user, AccountDirectory directory, SecondFactors secondFactors, HttpContext http) =>
        {
            var problems = body.Validate();
            if (problems.Count > 0) throw new RequestValidationException(problems);
            var account = await CurrentAsync(user, directory, http);
            return TypedResults.Ok(new RecoveryCodes(await secondFactors.ConfirmTotpEnrolmentAsync(account, body.Ticket, body.Code, http.RequestAborted)));
        }).WithSummary("Finish enrolling with the app's current code; returns the recovery codes, shown this once.");

        group.MapPost("/step-up", async Task<Results<SignInHttpResult, Ok<AuthApi.Me>, ProblemHttpResult>> (
            StepUpBody body, ClaimsPrincipal user, AccountDirectory directory, SecondFactors secondFactors, ISignInThrottle throttle,
            IOptions<SignInThrottlingOptions> throttling, TimeProvider clock, HttpContext http) =>
        {
            var problems = body.Validate();
            if (problems.Count > 0) throw new RequestValidationException(problems);
            var account = await CurrentAsync(user, directory, http);
            if (account.Totp is null)
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: "No authenticator is enrolled for this account: enrol one first.");
            // Codes guessed through a stolen session are throttled like passwords, per session (never slowed by others).
            var source = new SignInSource("session:" + user.FindFirstValue(CrisisCenterClaims.SessionId), KnownDevice: true);
            var rules = throttling.Value.ToRules();
            var permit = await throttle.BeginAsync(account.UserName, source, rules, http.RequestAborted);
            if (!permit.Granted) return AuthApi.Refusal(new PasswordSignInResult.Throttled(permit.RetryAfter), http);
            string? method = null;
            try
            {
                method = await secondFactors.VerifyAsync(account, body.Code, http.RequestAborted);
            }
            finally
            {
                await throttle.FinishAsync(account.UserName, source, method is null ? SignInOutcome.Failed : SignInOutcome.Succeeded, rules, CancellationToken.None);
            }
            if (method is null) throw new RequestValidationException(new Dictionary<string, string[]> { ["code"] = ["The code is wrong, expired or already used."] });
            var fresh = (await directory.FindByIdAsync(account.UserId, http.RequestAborted))!;
            if (user.Identity?.AuthenticationType == AuthSchemes.Bearer)
                return TypedResults.SignIn(AuthenticationSetup.CreatePrincipal(fresh, AuthSchemes.Bearer, clock.GetUtcNow()), authenticationScheme: AuthSchemes.Bearer);
            await http.SignInAsync(AuthSchemes.Cookie, AuthenticationSetup.CreatePrincipal(fresh, AuthSchemes.Cookie, clock.GetUtcNow()));
            return TypedResults.Ok(AuthApi.ToMe(fresh, secondFactors, thisSession: true));
        }).WithSummary("Confirm with the authenticator's code before approving, publishing or changing channels: renews the cookie, or answers a new bearer token.");

        routes.MapPost("/api/users/{userId}/second-factor/reset", async Task<NoContent> (string userId, ResetBody body, SecondFactors secondFactors, ClaimsPrincipal user, HttpContext http) =>
        {
            var problems = body.Validate();
            if (problems.Count > 0) throw new RequestValidationException(problems);
            await secondFactors.ResetAsync(userId, body.Reason.Trim(), user.FindFirstValue(CrisisCenterClaims.UserId)!, http.RequestAborted);
            return TypedResults.NoContent();
        }).WithTags("Users").RequireAuthorization(AccessPolicies.Admin).WithSummary("Remove a user's second factors (they enrol again); ends their sessions.");

        return routes;
    }

    private static async Task<UserAccount> CurrentAsync(ClaimsPrincipal user, AccountDirectory directory, HttpContext http)
    {
        var id = user.FindFirstValue(CrisisCenterClaims.UserId)!;
        return await directory.FindByIdAsync(id, http.RequestAborted) ?? throw new AccountNotFoundException(id);
    }
}
