using System.Security.Claims;
using CrisisCenter.Application.Audit;
using CrisisCenter.EventStore;
using CrisisCenter.Web.Auth;

namespace CrisisCenter.Web.Audit;

/// <summary>Sets <see cref="ActingUser"/> for every authenticated request, so facts stored outside the incident grains
/// (users, templates, channels) carry the same actor, agency, roles and session id as incident commands.</summary>
public static class ActingUserScope
{
    public static IApplicationBuilder UseActingUser(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.User.Identity?.IsAuthenticated == true && context.User.FindFirstValue(CrisisCenterClaims.UserId) is not null)
        {
            using (ActingUser.Begin(ToEventMetadata(context.User)))
                await next(context);
            return;
        }
        await next(context);
    });

    public static EventMetadata ToEventMetadata(ClaimsPrincipal user) => new()
    {
        ActorId = user.FindFirstValue(CrisisCenterClaims.UserId),
        ActorName = user.FindFirstValue(CrisisCenterClaims.Name),
        AgencyCode = user.FindFirstValue(CrisisCenterClaims.Agency),
        SessionId = user.FindFirstValue(CrisisCenterClaims.SessionId),
        Roles = [.. user.FindAll(CrisisCenterClaims.Role).Select(c => c.Value).Distinct().Order(StringComparer.Ordinal)],
    };
}

public static class AuditRegistration
{
    /// <summary>The audit trail: queries over the read store rows the projection host writes (see AddCrisisCenterProjections).</summary>
    public static IServiceCollection AddAuditTrail(this IServiceCollection services) => services
        .AddSingleton<CrisisCenter.Application.Audit.AuditTrail>();
}
