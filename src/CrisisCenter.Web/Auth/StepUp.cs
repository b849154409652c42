using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using CrisisCenter.Application.Accounts;

namespace CrisisCenter.Web.Auth;

/// <summary>
/// The moments that matter — approving or publishing a statement (a retraction or correction is published the same
/// way) and changing a channel — need a second factor checked within <see cref="SecondFactorOptions.StepUpWindow"/>,
/// for every account the policy covers: one whose role is in <see cref="SecondFactorOptions.RequiredRoles"/>, or
/// one that has an authenticator enrolled (a stolen password alone must not publish in its name). Otherwise the answer
/// is 403 problem details naming the step-up (<c>auth.step_up_required</c>, or <c>auth.second_factor_enrolment_required</c>
/// when there is no authenticator yet). A bearer token issued without a code never passes.
/// The actions are recognised by method and path here, in one place, rather than by marking each endpoint, so the
/// list below is the whole of what the gate covers (a test walks it).
/// </summary>
public static partial class StepUp
{
    public const string Required = "auth.step_up_required";
    public const string EnrolmentRequired = "auth.second_factor_enrolment_required";
    public const string ProblemType = "https://crisiscenter.kz/problems/step-up-required";

    [GeneratedRegex(@"^/api/incidents/[^/]+/statements/[^/]+/(approve|publish)/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatementAction();

    [GeneratedRegex(@"^/api/channels/[^/]+(/enable|/disable)?/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChannelChange();

    public static bool Covers(HttpRequest request) =>
        (HttpMethods.IsPost(request.Method) && StatementAction().IsMatch(request.Path.Value ?? ""))
        || ((HttpMethods.IsPut(request.Method) || HttpMethods.IsDelete(request.Method) || HttpMethods.IsPost(request.Method)) && ChannelChange().IsMatch(request.Path.Value ?? ""));

    /// <summary>True when <paramref name="user"/> had a second factor checked no longer than <paramref name="window"/> ago.</summary>
    public static bool IsFresh(ClaimsPrincipal user, TimeSpan window, DateTimeOffset now) =>
        long.TryParse(user.FindFirstValue(CrisisCenterClaims.SecondFactorAt), NumberStyles.None, CultureInfo.InvariantCulture, out var at)
        && now - DateTimeOffset.FromUnixTimeSeconds(at) <= window;

    public static IApplicationBuilder UseSecondFactorStepUp(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!Covers(context.Request) || context.User.FindFirstValue(CrisisCenterClaims.UserId) is not { } userId)
        {
            await next(context);
            return;
        }
        var services = context.RequestServices;
        var account = await services.GetRequiredService<AccountDirectory>().FindByIdAsync(userId, context.RequestAborted);
        var secondFactors = services.GetRequiredService<SecondFactors>();
        if (account is null || !(account.Totp is not null || secondFactors.IsRequiredFor(account))
            || IsFresh(context.User, secondFactors.StepUpWindow, services.GetRequiredService<TimeProvider>().GetUtcNow()))
        {
            await next(context);
            return;
        }
        var enrolled = account.Totp is not null;
        await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Second factor step-up required", type: ProblemType,
            detail: enrolled
                ? $"Confirm with your authenticator's code (POST /api/auth/second-factor/step-up) — it must have been checked within the last {secondFactors.StepUpWindow.TotalMinutes:0} minutes to approve, publish or change channels."
                : "Your role requires a second factor to approve, publish or change channels: enrol an authenticator (POST /api/auth/second-factor/totp/enrolment) first.",
            extensions: new Dictionary<string, object?> { ["code"] = enrolled ? Required : EnrolmentRequired }).ExecuteAsync(context);
    });
}
