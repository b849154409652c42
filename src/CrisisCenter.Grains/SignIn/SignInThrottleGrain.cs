namespace CrisisCenter.Grains.SignIn;

/// <summary>
/// Holds the counts in memory only: losing them when the silo holding them fails restarts the delays, which costs an
/// attacker nothing they could not get by waiting, and there is no lockout left to lose.
/// </summary>
public sealed class SignInThrottleGrain : Grain, ISignInThrottleGrain
{
    private readonly SignInThrottle throttle = new();

    public static string KeyOf(string userName) => userName.Trim().ToLowerInvariant();

    Task<SignInPermit> ISignInThrottleGrain.Begin(SignInSource source, ThrottlingRules rules, DateTimeOffset now) =>
        Task.FromResult(throttle.Begin(source, rules, now));

    Task ISignInThrottleGrain.Finish(SignInSource source, SignInOutcome outcome, ThrottlingRules rules, DateTimeOffset now)
    {
        throttle.Finish(source, outcome, rules, now);
        return Task.CompletedTask;
    }

    Task<SignInFailureCounts> ISignInThrottleGrain.Failures(string sourceKey) =>
        Task.FromResult(new SignInFailureCounts(throttle.AccountFailures, throttle.FailuresOf(sourceKey)));
}
