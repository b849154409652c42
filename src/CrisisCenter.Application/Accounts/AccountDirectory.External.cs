using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CrisisCenter.Application.Agencies;
using CrisisCenter.EventStore;

namespace CrisisCenter.Application.Accounts;

/// <summary>Who an external identity provider says signed in, with the agency and roles its claims map to.</summary>
public sealed record ExternalIdentity(string Issuer, string Subject, string PreferredUserName, string DisplayName, string AgencyCode, IReadOnlyList<string> Roles, string? RegionCode = null);

public sealed partial class AccountDirectory
{
    /// <summary>A prefix of stored password hashes that <c>PasswordHasher</c> can never verify: single sign-on accounts
    /// have no local password.</summary>
    private const string NoLocalPassword = "";

    private readonly ConcurrentDictionary<string, string> _idByExternalLogin = new(StringComparer.Ordinal);

    /// <summary>
    /// Signs in a person vouched for by an external provider. The first time, the account is provisioned as directory
    /// events (registered without a local password, linked to issuer + subject); later, changed agency, roles or region
    /// are recorded (ending older sessions). Null when the account is disabled (disabling works as for local accounts).
    /// </summary>
    public async Task<UserAccount?> SignInExternalAsync(ExternalIdentity identity, CancellationToken ct = default)
    {
        var problems = Validate(identity);
        if (problems.Count > 0) throw new AccountValidationException(problems);
        var key = ExternalKey(identity.Issuer, identity.Subject);
        for (var attempt = 0; ; attempt++)
        {
            await CatchUpAsync(ct);
            try
            {
                if (_idByExternalLogin.TryGetValue(key, out var userId))
                {
                    var account = _byId[userId];
                    if (account.Disabled) return null;
                    var roles = identity.Roles.Distinct().Order(StringComparer.Ordinal).ToList();
                    if (account.AgencyCode != identity.AgencyCode || account.RegionCode != identity.RegionCode || !account.Roles.SetEquals(roles))
                        await AppendAsync(new AccountAccessChanged(userId, identity.AgencyCode, roles, identity.RegionCode, NewStamp(), Domain.Actor.SystemUserId, Now()), ct);
                    return _byId[userId];
                }

                var newId = "u-" + Guid.NewGuid().ToString("N")[..12];
                var now = Now();
                await AppendAsync(new AccountRegistered(newId, FreeUserName(identity), identity.DisplayName.Trim(), identity.AgencyCode,
                    [.. identity.Roles.Distinct()], identity.RegionCode, CanLogRegionalUpdates: false, NoLocalPassword, NewStamp(), Domain.Actor.SystemUserId, now), ct);
                await AppendAsync(new AccountExternalLoginLinked(newId, identity.Issuer, identity.Subject, Domain.Actor.SystemUserId, now), ct);
                return _byId[newId];
            }
            catch (WrongExpectedRevisionException) when (attempt < 3)
            {
                // Another node wrote to the directory meanwhile (maybe provisioning the same person): look again.
            }
        }
    }

    private void ApplyExternal(AccountEvent e)
    {
        switch (e)
        {
            case AccountExternalLoginLinked l when _byId.ContainsKey(l.UserId):
                // The first link of an identity wins: a second registration raced by another node stays unlinked.
                _idByExternalLogin.TryAdd(ExternalKey(l.Issuer, l.Subject), l.UserId);
                break;
            case AccountAccessChanged c when _byId.TryGetValue(c.UserId, out var a):
                _byId[c.UserId] = a with
                {
                    AgencyCode = c.AgencyCode, Roles = c.Roles.ToHashSet(StringComparer.Ordinal), RegionCode = c.RegionCode, SecurityStamp = c.SecurityStamp,
                };
                break;
        }
    }

    /// <summary>The provider's user name when it is a valid one and free, else "sso-" and a digest of issuer + subject
    /// (never someone else's local account: an identity provider cannot take over an existing user by naming it).</summary>
    private string FreeUserName(ExternalIdentity identity)
    {
        var wanted = identity.PreferredUserName.Trim().ToLowerInvariant();
        if (wanted.Length is > 0 and <= 64 && wanted.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') && !_idByUserName.ContainsKey(wanted))
            return wanted;
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ExternalKey(identity.Issuer, identity.Subject))))[..16];
        return "sso-" + digest;
    }

    private static string ExternalKey(string issuer, string subject) => issuer + "\n" + subject;

    private static Dictionary<string, string[]> Validate(ExternalIdentity identity)
    {
        var problems = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(identity.Issuer) || string.IsNullOrWhiteSpace(identity.Subject) || identity.Subject.Length > 255)
            problems["subject"] = ["The provider named no subject."];
        if (!AgencyCatalog.IsKnown(identity.AgencyCode))
            problems["agencyCode"] = ["The provider's agency claim names no known agency."];
        if (identity.Roles.Count == 0 || identity.Roles.Any(r => !NewAccount.KnownRoles.Contains(r)))
            problems["roles"] = ["The provider's role claims map to none of Admin, PressOfficer, Approver, Observer."];
        if (string.IsNullOrWhiteSpace(identity.DisplayName) || identity.DisplayName.Length > 200)
            problems["displayName"] = ["A display name is 1-200 characters."];
        return problems;
    }
}
