using System.Security.Claims;
using CrisisCenter.Domain;

namespace CrisisCenter.Web.Auth;

public static class ActorClaims
{
    /// <summary>The domain actor of the signed-in user. Unknown role names in a token are ignored, never trusted.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var roles = user.FindAll(CrisisCenterClaims.Role)
            .Select(c => Enum.TryParse<Role>(c.Value, ignoreCase: false, out var role) ? role : (Role?)null)
            .OfType<Role>()
            .Distinct()
            .ToList();
        return new Actor(
            user.FindFirstValue(CrisisCenterClaims.UserId) ?? throw new InvalidOperationException("An authenticated user always has a user id claim."),
            user.FindFirstValue(CrisisCenterClaims.Name) ?? "",
            user.FindFirstValue(CrisisCenterClaims.Agency) ?? "",
            roles,
            user.FindFirstValue(CrisisCenterClaims.Region),
            user.FindFirstValue(CrisisCenterClaims.CanLogRegionalUpdates) == "true",
            user.HasClaim(CrisisCenterClaims.AuthenticationMethods, "otp") ? "otp" : null);
    }
}
