namespace CrisisCenter.Application.Accounts;

/// <summary>Facts of the user directory, stored in the <c>directory</c> stream. Type names are stable store names.</summary>
public abstract record AccountEvent(string UserId, string By, DateTimeOffset At);

public sealed record AccountRegistered(
    string UserId, string UserName, string DisplayName, string AgencyCode, IReadOnlyList<string> Roles,
    string? RegionCode, bool CanLogRegionalUpdates, string PasswordHash, string SecurityStamp, string By, DateTimeOffset At)
    : AccountEvent(UserId, By, At);

public sealed record AccountPasswordChanged(string UserId, string PasswordHash, string SecurityStamp, string By, DateTimeOffset At)
    : AccountEvent(UserId, By, At);

public sealed record AccountDisabled(string UserId, string Reason, string SecurityStamp, string By, DateTimeOffset At)
    : AccountEvent(UserId, By, At);

/// <summary>Written by earlier versions after five wrong passwords in a row. No longer written nor honoured (sign-in is
/// throttled instead, see <see cref="PasswordSignIn"/>); kept so stores that hold it still replay.</summary>
public sealed record AccountLockedOut(string UserId, int FailedAttempts, DateTimeOffset Until, string By, DateTimeOffset At)
    : AccountEvent(UserId, By, At);

/// <summary>The account signs in through an external identity provider (OpenID Connect): <paramref name="Issuer"/> and
/// <paramref name="Subject"/> name the person there.</summary>
public sealed record AccountExternalLoginLinked(string UserId, string Issuer, string Subject, string By, DateTimeOffset At)
    : AccountEvent(UserId, By, At);

/// <summary>Agency, roles or region changed (for single sign-on accounts: the provider's claims changed); sessions issued
/// with the old access end (new <paramref name="SecurityStamp"/>).</summary>
public sealed record AccountAccessChanged(
    string UserId, string AgencyCode, IReadOnlyList<string> Roles, string? RegionCode, string SecurityStamp, string By, DateTimeOffset At)
    : AccountEvent(UserId, By, At);

/// <summary>A TOTP authenticator was enrolled (its first code checked): the secret as Data Protection ciphertext, never in
/// the clear; the recovery codes as SHA-256 hashes only.</summary>
public sealed record AccountTotpEnrolled(string UserId, string ProtectedSecret, IReadOnlyList<string> RecoveryCodeHashes, string By, DateTimeOffset At)
    : AccountEvent(UserId, By, At);

/// <summary>A second factor was used to sign in: a TOTP code of <paramref name="TotpStep"/> (that step and the ones before
/// it are spent) or the recovery code whose hash is <paramref name="RecoveryCodeHash"/> (spent). Storing the use is what
/// makes each code good once, on every node.</summary>
public sealed record AccountSecondFactorUsed(string UserId, string Method, long? TotpStep, string? RecoveryCodeHash, string By, DateTimeOffset At)
    : AccountEvent(UserId, By, At);

/// <summary>An admin removed the account's second factors (a lost phone): the user signs in with the password alone and
/// enrols again; sessions issued earlier end (new <paramref name="SecurityStamp"/>).</summary>
public sealed record AccountSecondFactorsReset(string UserId, string Reason, string SecurityStamp, string By, DateTimeOffset At)
    : AccountEvent(UserId, By, At);

public static class AccountEventTypes
{
    public static readonly IReadOnlyDictionary<string, Type> ByName = new Dictionary<string, Type>
    {
        ["account.registered.v1"] = typeof(AccountRegistered),
        ["account.password_changed.v1"] = typeof(AccountPasswordChanged),
        ["account.disabled.v1"] = typeof(AccountDisabled),
        ["account.locked_out.v1"] = typeof(AccountLockedOut),
        ["account.external_login_linked.v1"] = typeof(AccountExternalLoginLinked),
        ["account.access_changed.v1"] = typeof(AccountAccessChanged),
        ["account.totp_enrolled.v1"] = typeof(AccountTotpEnrolled),
        ["account.second_factor_used.v1"] = typeof(AccountSecondFactorUsed),
        ["account.second_factors_reset.v1"] = typeof(AccountSecondFactorsReset),
    };

    public static string NameOf(Type type) => ByName.First(p => p.Value == type).Key;
}
