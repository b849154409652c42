using CrisisCenter.Grains.SignIn;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Application.Accounts;

/// <summary>The outcome of a password sign-in: the account, a refusal (wrong name or password, disabled), a second
/// factor still to give or given wrong, or "wait".</summary>
public abstract record PasswordSignInResult
{
    /// <summary><paramref name="SecondFactor"/> names the second factor checked (<see cref="SecondFactors.TotpMethod"/> or
    /// <see cref="SecondFactors.RecoveryMethod"/>), null for a password alone (no authenticator enrolled).</summary>
    public sealed record Succeeded(UserAccount Account, string? SecondFactor) : PasswordSignInResult;

    public sealed record Refused : PasswordSignInResult;

    /// <summary>The password was right; the account has an authenticator, and its code was not given.</summary>
    public sealed record SecondFactorRequired : PasswordSignInResult;

    /// <summary>The password was right; the code was wrong or already used.</summary>
    public sealed record SecondFactorRefused : PasswordSignInResult;

    /// <summary>Too many wrong passwords from this source (or for this account from unknown devices): the password was
    /// not even checked; try again after <paramref name="RetryAfter"/>.</summary>
    public sealed record Throttled(TimeSpan RetryAfter) : PasswordSignInResult;
}

/// <summary>
/// Checks a password (and, for an account with an authenticator, its code) under the throttle: an attempt is first
/// granted by the account's throttle (cluster-wide), then checked, then the outcome is reported back. A wrong code
/// counts as a failure like a wrong password. The throttle is asked about every user name, existing or not, so its
/// answers do not reveal which accounts exist.
/// </summary>
public sealed class PasswordSignIn(AccountDirectory directory, SecondFactors secondFactors, ISignInThrottle throttle, IOptions<SignInThrottlingOptions> options)
{
    public async Task<PasswordSignInResult> SignInAsync(string userName, string password, string? code, SignInSource source, CancellationToken ct)
    {
        var rules = options.Value.ToRules();
        var permit = await throttle.BeginAsync(userName, source, rules, ct);
        if (!permit.Granted) return new PasswordSignInResult.Throttled(permit.RetryAfter);
        PasswordSignInResult result = new PasswordSignInResult.Refused();
        try
        {
            result = await CheckAsync(userName, password, code, ct);
        }
        finally
        {
            var outcome = result switch
            {
                PasswordSignInResult.Succeeded => SignInOutcome.Succeeded,
                PasswordSignInResult.SecondFactorRequired => SignInOutcome.Incomplete,
                _ => SignInOutcome.Failed,
            };
            // Not cancellable: an attempt left open would hold one of the source's in-flight places for a minute.
            await throttle.FinishAsync(userName, source, outcome, rules, CancellationToken.None);
        }
        return result;
    }

    private async Task<PasswordSignInResult> CheckAsync(string userName, string password, string? code, CancellationToken ct)
    {
        if (await directory.AuthenticateAsync(userName, password, ct) is not { } account) return new PasswordSignInResult.Refused();
        if (account.Totp is null) return new PasswordSignInResult.Succeeded(account, SecondFactor: null);
        if (string.IsNullOrWhiteSpace(code)) return new PasswordSignInResult.SecondFactorRequired();
        return await secondFactors.VerifyAsync(account, code, ct) is { } method
            ? new PasswordSignInResult.Succeeded((await directory.FindByIdAsync(account.UserId, ct))!, method)
            : new PasswordSignInResult.SecondFactorRefused();
    }
}
