using CrisisCenter.Grains.SignIn;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Application.Accounts;

/// <summary>
/// Settings <c>Auth:Throttling:*</c>: how wrong passwords slow down further attempts (never a lockout an attacker could
/// aim at a duty officer). See <see cref="ThrottlingRules"/> for what each one does.
/// </summary>
public sealed class SignInThrottlingOptions
{
    public const string Section = "Auth:Throttling";

    /// <summary>The wait after a source's first wrong password; it doubles with each further one.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait one source is ever given.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Wrong passwords in a row for an account, from all sources together, after which unknown devices are slowed.</summary>
    public int AccountFailureCeiling { get; set; } = 100;

    /// <summary>Above the ceiling, the gap between two attempts from unknown devices (known devices are not slowed by it).</summary>
    public TimeSpan AccountDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a device that signed in successfully stays known (its signed cookie's lifetime).</summary>
    public TimeSpan KnownDeviceLifetime { get; set; } = TimeSpan.FromDays(180);

    public ThrottlingRules ToRules() => new(FirstDelay, MaxDelay, AccountFailureCeiling, AccountDelay);
}

/// <summary>Refuses to start with settings that would make throttling meaningless or a lockout in disguise; the
/// message names the configuration key.</summary>
public sealed class SignInThrottlingOptionsValidator : IValidateOptions<SignInThrottlingOptions>
{
    private static readonly TimeSpan LongestDelay = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, SignInThrottlingOptions options)
    {
        var problems = new List<string>();
        if (options.FirstDelay <= TimeSpan.Zero || options.FirstDelay > LongestDelay)
            problems.Add($"{SignInThrottlingOptions.Section}:{nameof(options.FirstDelay)} must be more than zero and at most {LongestDelay} (it is {options.FirstDelay}).");
        if (options.MaxDelay < options.FirstDelay || options.MaxDelay > LongestDelay)
            problems.Add($"{SignInThrottlingOptions.Section}:{nameof(options.MaxDelay)} must be at least FirstDelay and at most {LongestDelay} (it is {options.MaxDelay}).");
        if (options.AccountFailureCeiling < 1)
            problems.Add($"{SignInThrottlingOptions.Section}:{nameof(options.AccountFailureCeiling)} must be at least 1 (it is {options.AccountFailureCeiling}).");
        if (options.AccountDelay <= TimeSpan.Zero || options.AccountDelay > LongestDelay)
            problems.Add($"{SignInThrottlingOptions.Section}:{nameof(options.AccountDelay)} must be more than zero and at most {LongestDelay} (it is {options.AccountDelay}).");
        if (options.KnownDeviceLifetime < TimeSpan.FromHours(1) || options.KnownDeviceLifetime > TimeSpan.FromDays(400))
            problems.Add($"{SignInThrottlingOptions.Section}:{nameof(options.KnownDeviceLifetime)} must be between 1 hour and 400 days (it is {options.KnownDeviceLifetime}).");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>Where the throttle of each account is kept.</summary>
public interface ISignInThrottle
{
    Task<SignInPermit> BeginAsync(string userName, SignInSource source, ThrottlingRules rules, CancellationToken ct);

    Task FinishAsync(string userName, SignInSource source, SignInOutcome outcome, ThrottlingRules rules, CancellationToken ct);
}

/// <summary>One process's throttles (tests of the directory alone, the fallback of the cluster one).</summary>
public sealed class LocalSignInThrottle(TimeProvider clock) : ISignInThrottle
{
    private readonly Dictionary<string, SignInThrottle> _byAccount = new(StringComparer.Ordinal);

    public Task<SignInPermit> BeginAsync(string userName, SignInSource source, ThrottlingRules rules, CancellationToken ct)
    {
        lock (_byAccount) return Task.FromResult(For(userName).Begin(source, rules, clock.GetUtcNow()));
    }

    public Task FinishAsync(string userName, SignInSource source, SignInOutcome outcome, ThrottlingRules rules, CancellationToken ct)
    {
        lock (_byAccount) For(userName).Finish(source, outcome, rules, clock.GetUtcNow());
        return Task.CompletedTask;
    }

    private SignInThrottle For(string userName)
    {
        var key = SignInThrottleGrain.KeyOf(userName);
        if (!_byAccount.TryGetValue(key, out var throttle)) _byAccount[key] = throttle = new SignInThrottle();
        return throttle;
    }
}

/// <summary>
/// The cluster-wide throttle: one <see cref="ISignInThrottleGrain"/> per account, wherever the sign-in lands. Should
/// the cluster not answer, this node's own count takes over (logged), so sign-in never fails for want of a counter.
/// </summary>
public sealed partial class ClusterSignInThrottle(IGrainFactory grains, TimeProvider clock, ILogger<ClusterSignInThrottle> logger) : ISignInThrottle
{
    private readonly LocalSignInThrottle _fallback = new(clock);

    public async Task<SignInPermit> BeginAsync(string userName, SignInSource source, ThrottlingRules rules, CancellationToken ct)
    {
        try
        {
            return await grains.GetGrain<ISignInThrottleGrain>(SignInThrottleGrain.KeyOf(userName)).Begin(source, rules, clock.GetUtcNow()).WaitAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFallback(logger, ex, userName);
            return await _fallback.BeginAsync(userName, source, rules, ct);
        }
    }

    public async Task FinishAsync(string userName, SignInSource source, SignInOutcome outcome, ThrottlingRules rules, CancellationToken ct)
    {
        await _fallback.FinishAsync(userName, source, outcome, rules, ct);
        try
        {
            await grains.GetGrain<ISignInThrottleGrain>(SignInThrottleGrain.KeyOf(userName)).Finish(source, outcome, rules, clock.GetUtcNow()).WaitAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFallback(logger, ex, userName);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cluster's sign-in throttle for {UserName} is unavailable; counting on this node.")]
    private static partial void LogFallback(ILogger logger, Exception exception, string userName);
}
