using Microsoft.AspNetCore.Authorization;

namespace CrisisCenter.Web.Auth;

/// <summary>
/// The named authorisation policies. Every endpoint and hub method names one of these (or is explicitly public);
/// a test enumerates them all. The fallback policy is <see cref="SignedIn"/>, so an endpoint someone forgets to
/// annotate is closed, not open. What a signed-in user may do to a given incident is decided further in: the
/// domain (role × agency, 403) and <c>IncidentVisibility</c> (what exists for them, 404).
/// </summary>
public static class AccessPolicies
{
    /// <summary>Any signed-in account that has an agency (every account has one).</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Manages users, agencies, channels, templates; audits and verifies the store.</summary>
    public const string Admin = "admin";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal) { SignedIn, Admin };

    public static AuthorizationBuilder AddAccessPolicies(this AuthorizationBuilder authorization)
    {
        var signedIn = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireClaim(CrisisCenterClaims.UserId)
            .RequireClaim(CrisisCenterClaims.Agency)
            .Build();
        return authorization
            .AddPolicy(SignedIn, signedIn)
            .AddPolicy(Admin, policy => policy.Combine(signedIn).RequireClaim(CrisisCenterClaims.Role, nameof(Domain.Role.Admin)))
            .SetDefaultPolicy(signedIn)
            .SetFallbackPolicy(signedIn);
    }
}
