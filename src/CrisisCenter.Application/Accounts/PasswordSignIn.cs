using CrisisCenter.Grains.SignIn;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Application.Accounts;

/// <summary>The outcome of a password sign-in: the account, a refusal (wrong name or password, disabled), or "wait".</summary>
public abstract record PasswordSignInResult
{
    public sealed record Succeeded(UserAccount Account) : PasswordSignInResult;

    public sealed record Refused : PasswordSignInResult;

    /// <summary>Too many wrong passwords from this source (or for this account from unknown devices): the password was
    /// not even checked; try again after <paramref name="RetryAfter"/>.</summary>
    public sealed record Throttled(TimeSpan RetryAfter) : PasswordSignInResult;
}

/// <summary>
/// Checks a password under the throttle: an attempt is first granted by the account's throttle (cluster-wide), then
/// the password is checked, then the outcome is reported back. The throttle is asked about every user name, existing
/// or not, so its answers do not reveal which accounts exist.
/// </summary>
public sealed class PasswordSignIn(AccountDirectory directory, ISignInThrottle throttle, IOptions<SignInThrottlingOptions> options)
{
    public async Task<PasswordSignInResult> SignInAsync(string userName, string password, SignInSource source, CancellationToken ct)
    {
        var rules = options.Value.ToRules();
        var permit = await throttle.BeginAsync(userName, source, rules, ct);
        if (!permit.Granted) return new PasswordSignInResult.Throttled(permit.RetryAfter);
        UserAccount? account = null;
        try
        {
            account = await directory.AuthenticateAsync(userName, password, ct);
        }
        finally
        {
            // Not cancellable: an attempt left open would hold one of the source's in-flight places for a minute.
            await throttle.FinishAsync(userName, source, succeeded: account is not null, rules, CancellationToken.None);
        }
        return account is null ? new PasswordSignInResult.Refused() : new PasswordSignInResult.Succeeded(account);
    }
}
