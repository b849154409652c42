using System.Security.Cryptography;
using System.Text;
using CrisisCenter.Application.Pipeline;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Application.Accounts;

/// <summary>
/// Settings <c>Auth:SecondFactor:*</c>. <see cref="RequiredRoles"/> is empty unless configured, so the demo accounts and
/// a fresh install sign in with a password alone; production sets it (see README, Security), e.g. Approver and Admin.
/// </summary>
public sealed class SecondFactorOptions
{
    public const string Section = "Auth:SecondFactor";

    /// <summary>Roles whose holders must have a second factor: without one enrolled, they are told to enrol.</summary>
    public IReadOnlyList<string> RequiredRoles { get; set; } = [];

    /// <summary>How long a checked second factor counts for approving, publishing and changing channels (step-up).</summary>
    public TimeSpan StepUpWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The issuer authenticator apps show next to the account name.</summary>
    public string Issuer { get; set; } = "CrisisCenter";
}

public sealed class SecondFactorOptionsValidator : IValidateOptions<SecondFactorOptions>
{
    public ValidateOptionsResult Validate(string? name, SecondFactorOptions options)
    {
        var unknown = options.RequiredRoles.Where(r => !NewAccount.KnownRoles.Contains(r)).ToList();
        if (unknown.Count > 0)
            return ValidateOptionsResult.Fail($"{SecondFactorOptions.Section}:{nameof(options.RequiredRoles)} names unknown roles ({string.Join(", ", unknown)}); roles are Admin, PressOfficer, Approver, Observer.");
        if (options.StepUpWindow < TimeSpan.FromMinutes(1) || options.StepUpWindow > TimeSpan.FromHours(12))
            return ValidateOptionsResult.Fail($"{SecondFactorOptions.Section}:{nameof(options.StepUpWindow)} must be between 1 minute and 12 hours (it is {options.StepUpWindow}).");
        return string.IsNullOrWhiteSpace(options.Issuer) || options.Issuer.Contains(':', StringComparison.Ordinal)
            ? ValidateOptionsResult.Fail($"{SecondFactorOptions.Section}:{nameof(options.Issuer)} must be a non-empty name without ':'.")
            : ValidateOptionsResult.Success;
    }
}

/// <summary>What a user is shown once, to add the account to an authenticator app: the secret (base32) and its
/// otpauth:// address (for a QR code). <see cref="Ticket"/> carries the secret, encrypted, back to the confirmation.</summary>
public sealed record TotpEnrolment(string Ticket, string Secret, string OtpAuthUri);

/// <summary>
/// TOTP second factors of local accounts: enrolment in two steps (the secret is stored only once a code from the
/// app proves it was added; between the steps it travels in a time-limited Data Protection ticket, so any node can
/// confirm), verification (±1 step, each code and each recovery code good once) and an admin's reset. The stored
/// secret is Data Protection ciphertext and is never returned after enrolment.
/// </summary>
public sealed class SecondFactors(AccountDirectory directory, IDataProtectionProvider protection, TimeProvider clock, IOptions<SecondFactorOptions> options)
{
    public const int RecoveryCodeCount = 10;
    public const string TotpMethod = "totp";
    public const string RecoveryMethod = "recovery";
    private static readonly TimeSpan EnrolmentLifetime = TimeSpan.FromMinutes(10);

    private readonly IDataProtector _secrets = protection.CreateProtector("CrisisCenter.SecondFactor.TotpSecret.v1");
    private readonly ITimeLimitedDataProtector _tickets = protection.CreateProtector("CrisisCenter.SecondFactor.Enrolment.v1").ToTimeLimitedDataProtector();

    public bool IsRequiredFor(UserAccount account) => options.Value.RequiredRoles.Any(account.Roles.Contains);

    public TimeSpan StepUpWindow => options.Value.StepUpWindow;

    public TotpEnrolment BeginTotpEnrolment(UserAccount account)
    {
        if (account.Totp is not null) throw new AccountConflictException("An authenticator is already enrolled for this account; an admin can reset it.");
        var secret = Base32.Encode(Totp.NewSecret());
        var ticket = _tickets.Protect(account.UserId + "\n" + secret, EnrolmentLifetime);
        return new TotpEnrolment(ticket, secret, Totp.EnrolmentUri(Base32.Decode(secret), options.Value.Issuer, account.UserName));
    }

    /// <summary>Stores the authenticator once <paramref name="code"/> proves the app has it; returns the recovery codes,
    /// shown this once (only their hashes are kept).</summary>
    public async Task<IReadOnlyList<string>> ConfirmTotpEnrolmentAsync(UserAccount account, string ticket, string code, CancellationToken ct)
    {
        string secret;
        try
        {
            var parts = _tickets.Unprotect(ticket).Split('\n');
            if (parts.Length != 2 || parts[0] != account.UserId) throw new CryptographicException("The ticket is another account's.");
            secret = parts[1];
        }
        catch (CryptographicException)
        {
            throw new RequestValidationException(new Dictionary<string, string[]> { ["ticket"] = ["The enrolment expired or is not this account's: start it again."] });
        }
        if (Totp.MatchingStep(Base32.Decode(secret), code, clock.GetUtcNow()) is null)
            throw new RequestValidationException(new Dictionary<string, string[]> { ["code"] = ["The code does not match: check the authenticator's clock and type the current code."] });
        var recoveryCodes = Enumerable.Range(0, RecoveryCodeCount).Select(_ => NewRecoveryCode()).ToList();
        await directory.EnrolTotpAsync(account.UserId, _secrets.Protect(secret), [.. recoveryCodes.Select(HashRecoveryCode)], account.UserId, ct);
        return recoveryCodes;
    }

    /// <summary>Spends <paramref name="code"/> (a current TOTP code not used before, or an unused recovery code); the
    /// method used, or null when it is neither.</summary>
    public async Task<string?> VerifyAsync(UserAccount account, string code, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var recoveryHash = HashRecoveryCode(code);
        var use = await directory.SpendSecondFactorAsync(account.UserId, current =>
        {
            var totp = current.Totp!;
            if (Totp.MatchingStep(Base32.Decode(_secrets.Unprotect(totp.ProtectedSecret)), code, now) is { } step)
                return step > totp.LastUsedStep ? new AccountSecondFactorUsed(current.UserId, TotpMethod, step, null, current.UserId, now) : null;
            return totp.RecoveryCodeHashes.Contains(recoveryHash)
                ? new AccountSecondFactorUsed(current.UserId, RecoveryMethod, null, recoveryHash, current.UserId, now)
                : null;
        }, ct);
        return use?.Method;
    }

    public Task ResetAsync(string userId, string reason, string by, CancellationToken ct) => directory.ResetSecondFactorsAsync(userId, reason, by, ct);

    /// <summary>Ten base32 characters (50 bits) in two groups: random enough that a plain SHA-256 is a safe hash for them
    /// (no dictionary to try), unlike a password.</summary>
    private static string NewRecoveryCode()
    {
        var text = Base32.Encode(RandomNumberGenerator.GetBytes(7))[..10].ToLowerInvariant();
        return text[..5] + "-" + text[5..];
    }

    private static string HashRecoveryCode(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().Replace("-", "", StringComparison.Ordinal).ToLowerInvariant())));
}
