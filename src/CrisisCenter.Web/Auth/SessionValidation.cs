using System.Security.Claims;
using CrisisCenter.Application.Accounts;

namespace CrisisCenter.Web.Auth;

/// <summary>
/// A session (cookie or bearer token) is valid only while its account is enabled and its security stamp is
/// the account's current one: disabling a user or changing their password ends every session they had.
/// </summary>
public static class SessionValidation
{
    public static async Task<bool> IsCurrentAsync(ClaimsPrincipal? principal, AccountDirectory directory, CancellationToken ct)
    {
        var userId = principal?.FindFirstValue(CrisisCenterClaims.UserId);
        if (userId is null) return false;
        var account = await directory.FindByIdAsync(userId, ct);
        return account is { Disabled: false } && account.SecurityStamp == principal!.FindFirstValue(CrisisCenterClaims.SecurityStamp);
    }

    /// <summary>Bearer tokens have no validation event of their own: this middleware turns a stale token into 401.</summary>
    public static IApplicationBuilder UseSessionValidation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true
            && context.User.Identity.AuthenticationType == AuthSchemes.Bearer
            && !await IsCurrentAsync(context.User, context.RequestServices.GetRequiredService<AccountDirectory>(), context.RequestAborted))
        {
            context.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        await next(context);
    });
}
