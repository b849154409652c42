using System.Security.Claims;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Application.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;

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
