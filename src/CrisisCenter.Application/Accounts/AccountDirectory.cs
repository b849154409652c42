using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using CrisisCenter.Application.Streams;
using CrisisCenter.EventStore;
using Microsoft.AspNetCore.Identity;

namespace CrisisCenter.Application.Accounts;

/// <summary>
/// The user directory: every change is an event in the <c>directory</c> stream; this class keeps the
/// current accounts in memory and catches up with the stream before answering, so a user registered
/// through another node (or another process on the same store) is found.
/// </summary>
public sealed partial class AccountDirectory(IEventStore store, TimeProvider clock)
{
    public const string Stream = "directory";
    public const int MinimumPasswordLength = PasswordRules.MinimumLength;

    private readonly PasswordHasher<UserAccount> _hasher = new();
    private readonly ConcurrentDictionary<string, UserAccount> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _idByUserName = new(StringComparer.OrdinalIgnoreCase);
    private readonly StreamFold<AccountEvent> _facts = new(store, Stream, AccountEventTypes.ByName);

    public async Task<UserAccount?> FindByUserNameAsync(string userName, CancellationToken ct = default)
    {
        await CatchUpAsync(ct);
        return _idByUserName.TryGetValue(userName.Trim(), out var id) ? _byId[id] : null;
    }

    public async Task<UserAccount?> FindByIdAsync(string userId, CancellationToken ct = default)
    {
        if (_byId.TryGetValue(userId, out var known)) return known;
        await CatchUpAsync(ct);
        return _byId.GetValueOrDefault(userId);
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken ct = default)
    {
        await CatchUpAsync(ct);
        return [.. _byId.Values.OrderBy(a => a.UserName, StringComparer.Ordinal)];
    }

    /// <summary>Checks a password; null when the user is unknown, disabled or the password is wrong. Repeated wrong
    /// passwords are slowed down by <see cref="PasswordSignIn"/> (per source, never a lockout), not here.</summary>
    public async Task<UserAccount?> AuthenticateAsync(string userName, string password, CancellationToken ct = default)
    {
        var account = await FindByUserNameAsync(userName, ct);
        if (account is null || account.Disabled)
        {
            // Hash anyway so a missing or disabled user costs the same time as a wrong password.
            _hasher.HashPassword(null!, password);
            return null;
        }
        return _hasher.VerifyHashedPassword(account, account.PasswordHash, password) == PasswordVerificationResult.Failed ? null : account;
    }

    public async Task<UserAccount> RegisterAsync(NewAccount request, string by, CancellationToken ct = default)
    {
        var problems = request.Validate();
        if (problems.Count > 0) throw new AccountValidationException(problems);
        for (var attempt = 0; ; attempt++)
        {
            await CatchUpAsync(ct);
            if (_idByUserName.ContainsKey(request.UserName.Trim()))
                throw new AccountConflictException($"A user named '{request.UserName.Trim()}' already exists.");
            var userId = "u-" + Guid.NewGuid().ToString("N")[..12];
            var registered = new AccountRegistered(
                userId, request.UserName.Trim().ToLowerInvariant(), request.DisplayName.Trim(), request.AgencyCode, [.. request.Roles.Distinct()],
                request.RegionCode, request.CanLogRegionalUpdates, _hasher.HashPassword(null!, request.Password), NewStamp(), by, clock.GetUtcNow());
            try
            {
                await AppendAsync(registered, ct);
                return _byId[userId];
            }
            catch (WrongExpectedRevisionException) when (attempt < 3)
            {
                // Another node registered someone meanwhile: catch up and check the name again.
            }
        }
    }

    public async Task DisableAsync(string userId, string reason, string by, CancellationToken ct = default)
    {
        await CatchUpAsync(ct);
        if (!_byId.ContainsKey(userId)) throw new AccountNotFoundException(userId);
        await AppendAsync(new AccountDisabled(userId, reason, NewStamp(), by, clock.GetUtcNow()), ct);
    }

    public async Task ChangePasswordAsync(string userId, string newPassword, string by, CancellationToken ct = default)
    {
        await CatchUpAsync(ct);
        if (!_byId.TryGetValue(userId, out var account)) throw new AccountNotFoundException(userId);
        if (PasswordRules.Refuse(newPassword, account.UserName) is { } weak)
            throw new AccountValidationException(new Dictionary<string, string[]> { ["password"] = [weak] });
        await AppendAsync(new AccountPasswordChanged(userId, _hasher.HashPassword(null!, newPassword), NewStamp(), by, clock.GetUtcNow()), ct);
    }

    private Task AppendAsync(AccountEvent e, CancellationToken ct) => _facts.AppendAsync(e, e.By, Apply, ct);

    /// <summary>Applies the facts stored since the last one seen (by this node or another).</summary>
    public Task CatchUpAsync(CancellationToken ct = default) => _facts.CatchUpAsync(Apply, ct);

    private void Apply(AccountEvent e)
    {
        switch (e)
        {
            case AccountRegistered r:
                _byId[r.UserId] = new UserAccount(r.UserId, r.UserName, r.DisplayName, r.AgencyCode, r.Roles.ToHashSet(StringComparer.Ordinal),
                    r.RegionCode, r.CanLogRegionalUpdates, r.PasswordHash, Disabled: false, r.SecurityStamp);
                _idByUserName[r.UserName] = r.UserId;
                break;
            case AccountPasswordChanged p when _byId.TryGetValue(p.UserId, out var a):
                _byId[p.UserId] = a with { PasswordHash = p.PasswordHash, SecurityStamp = p.SecurityStamp };
                break;
            case AccountDisabled d when _byId.TryGetValue(d.UserId, out var a):
                _byId[d.UserId] = a with { Disabled = true, SecurityStamp = d.SecurityStamp };
                break;
            case AccountLockedOut:
                // Stored by earlier versions, which locked accounts after five wrong passwords. Lockout is gone (an
                // attacker could aim it at a duty officer): the fact still replays, and no longer refuses anyone.
                break;
            case AccountTotpEnrolled or AccountSecondFactorUsed or AccountSecondFactorsReset:
                ApplySecondFactor(e);
                break;
            default:
                ApplyExternal(e);
                break;
        }
    }

    private DateTimeOffset Now() => clock.GetUtcNow();

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

/// <summary>What an admin (or the demo seed) gives to create an account.</summary>
public sealed record NewAccount(string UserName, string DisplayName, string Password, string AgencyCode, IReadOnlyList<string> Roles, string? RegionCode = null, bool CanLogRegionalUpdates = false)
{
    public static readonly IReadOnlySet<string> KnownRoles = new HashSet<string>(StringComparer.Ordinal) { "Admin", "PressOfficer", "Approver", "Observer" };

    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(UserName) || UserName.Trim().Length > 64 || !UserName.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            problems["userName"] = ["A user name is 1-64 characters: latin letters, digits, '.', '-' or '_'."];
        if (string.IsNullOrWhiteSpace(DisplayName) || DisplayName.Length > 200)
            problems["displayName"] = ["A display name is 1-200 characters."];
        if (PasswordRules.Refuse(Password, UserName) is { } weak)
            problems["password"] = [weak];
        if (string.IsNullOrWhiteSpace(AgencyCode))
            problems["agencyCode"] = ["Every user belongs to an agency."];
        if (Roles is null || Roles.Count == 0 || Roles.Any(r => !KnownRoles.Contains(r)))
            problems["roles"] = ["Roles are one or more of Admin, PressOfficer, Approver, Observer."];
        return problems;
    }
}

public sealed class AccountValidationException(IReadOnlyDictionary<string, string[]> errors) : Exception("The account is not valid.")
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

public sealed class AccountConflictException(string message) : Exception(message);

public sealed class AccountNotFoundException(string userId) : Exception($"No user with id '{userId}'.");
