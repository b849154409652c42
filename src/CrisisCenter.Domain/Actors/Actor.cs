namespace CrisisCenter.Domain;

/// <summary>
/// Who issues a command. Built by the web edge from the authenticated user; the domain trusts it.
/// <paramref name="Roles"/> is a list, not a set, because System.Text.Json cannot read IReadOnlySet without a
/// converter and commands must round-trip with plain options; duplicates are harmless.
/// <paramref name="SecondFactor"/> names the second factor this session was confirmed with (RFC 8176 "otp"), or null for
/// a password (or single sign-on) alone: an approval records it.
/// </summary>
public sealed record Actor(
    string UserId,
    string Name,
    string AgencyCode,
    IReadOnlyList<Role> Roles,
    string? RegionCode = null,
    bool CanLogRegionalUpdates = false,
    string? SecondFactor = null)
{
    /// <summary>
    /// User id reserved for the platform itself (channel dispatcher). The user store must refuse to create
    /// a human account with this id, so only code running inside the cluster can act as it.
    /// </summary>
    public const string SystemUserId = "system";

    /// <summary>The platform acting on its own behalf, e.g. recording channel delivery outcomes.</summary>
    public static Actor System { get; } =
        new(SystemUserId, "CrisisCenter", SystemUserId, [Role.Admin]);

    public bool HasRole(Role role) => Roles.Contains(role);

    public bool IsSystem => UserId == SystemUserId && HasRole(Role.Admin);
}
