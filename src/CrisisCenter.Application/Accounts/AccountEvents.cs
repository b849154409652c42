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
    };

    public static string NameOf(Type type) => ByName.First(p => p.Value == type).Key;
}
