using CrisisCenter.EventStore;

namespace CrisisCenter.Application.Accounts;

public sealed partial class AccountDirectory
{
    public async Task EnrolTotpAsync(string userId, string protectedSecret, IReadOnlyList<string> recoveryCodeHashes, string by, CancellationToken ct = default)
    {
        await CatchUpAsync(ct);
        if (!_byId.TryGetValue(userId, out var account)) throw new AccountNotFoundException(userId);
        if (account.Totp is not null) throw new AccountConflictException("An authenticator is already enrolled for this account; an admin can reset it.");
        await AppendAsync(new AccountTotpEnrolled(userId, protectedSecret, recoveryCodeHashes, by, Now()), ct);
    }

    /// <summary>
    /// Spends a second factor: <paramref name="decide"/> looks at the account as stored now and names the use (or null:
    /// the code is wrong or already spent). The use is stored only if nothing was written to the directory since
    /// that look, so two requests racing with one code spend it once; the loser looks again and finds it spent.
    /// </summary>
    public async Task<AccountSecondFactorUsed?> SpendSecondFactorAsync(string userId, Func<UserAccount, AccountSecondFactorUsed?> decide, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            await CatchUpAsync(ct);
            if (!_byId.TryGetValue(userId, out var account) || account.Totp is null) return null;
            if (decide(account) is not { } use) return null;
            try
            {
                await AppendAsync(use, ct);
                return use;
            }
            catch (WrongExpectedRevisionException) when (attempt < 5)
            {
                // Someone else wrote to the directory meanwhile (perhaps spending this very code): look again.
            }
        }
    }

    public async Task ResetSecondFactorsAsync(string userId, string reason, string by, CancellationToken ct = default)
    {
        await CatchUpAsync(ct);
        if (!_byId.ContainsKey(userId)) throw new AccountNotFoundException(userId);
        await AppendAsync(new AccountSecondFactorsReset(userId, reason, NewStamp(), by, Now()), ct);
    }

    private void ApplySecondFactor(AccountEvent e)
    {
        if (!_byId.TryGetValue(e.UserId, out var a)) return;
        _byId[e.UserId] = e switch
        {
            AccountTotpEnrolled t => a with { Totp = new TotpFactor(t.ProtectedSecret, LastUsedStep: -1, t.RecoveryCodeHashes.ToHashSet(StringComparer.Ordinal)) },
            AccountSecondFactorUsed { TotpStep: { } step } when a.Totp is { } totp => a with { Totp = totp with { LastUsedStep = Math.Max(totp.LastUsedStep, step) } },
            AccountSecondFactorUsed { RecoveryCodeHash: { } hash } when a.Totp is { } totp =>
                a with { Totp = totp with { RecoveryCodeHashes = totp.RecoveryCodeHashes.Where(h => h != hash).ToHashSet(StringComparer.Ordinal) } },
            AccountSecondFactorsReset r => a with { Totp = null, SecurityStamp = r.SecurityStamp },
            _ => a,
        };
    }
}
