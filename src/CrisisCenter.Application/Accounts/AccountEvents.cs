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

/// <summary>Too many wrong passwords in a row: sign-in is refused until <paramref name="Until"/>.</summary>
public sealed record AccountLockedOut(string UserId, int FailedAttempts, DateTimeOffset Until, string By, DateTimeOffset At)
    : AccountEvent(UserId, By, At);

public static class AccountEventTypes
{
    public static readonly IReadOnlyDictionary<string, Type> ByName = new Dictionary<string, Type>
    {
        ["account.registered.v1"] = typeof(AccountRegistered),
        ["account.password_changed.v1"] = typeof(AccountPasswordChanged),
        ["account.disabled.v1"] = typeof(AccountDisabled),
        ["account.locked_out.v1"] = typeof(AccountLockedOut),
    };

    public static string NameOf(Type type) => ByName.First(p => p.Value == type).Key;
}
