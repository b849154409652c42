namespace CrisisCenter.Application.Accounts;

/// <summary>A person who signs in. <see cref="SecurityStamp"/> changes whenever sessions issued earlier must end
/// (password change, disabling, role change): cookies and tokens carry the stamp they were issued with.</summary>
public sealed record UserAccount(
    string UserId,
    string UserName,
    string DisplayName,
    string AgencyCode,
    IReadOnlySet<string> Roles,
    string? RegionCode,
    bool CanLogRegionalUpdates,
    string PasswordHash,
    bool Disabled,
    string SecurityStamp);
