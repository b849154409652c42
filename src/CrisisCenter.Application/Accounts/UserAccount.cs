namespace CrisisCenter.Application.Accounts;

/// <summary>A person who signs in. <see cref="SecurityStamp"/> changes whenever sessions issued earlier must end
/// (password change, disabling, role change, second factors reset): cookies and tokens carry the stamp they were issued with.
/// <see cref="Totp"/> is the enrolled authenticator, if any.</summary>
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
    string SecurityStamp,
    TotpFactor? Totp = null);

/// <summary>An enrolled TOTP authenticator: the secret as Data Protection ciphertext, the last time step used (codes of it
/// and earlier steps are spent), and the hashes of the recovery codes not yet used.</summary>
public sealed record TotpFactor(string ProtectedSecret, long LastUsedStep, IReadOnlySet<string> RecoveryCodeHashes);
