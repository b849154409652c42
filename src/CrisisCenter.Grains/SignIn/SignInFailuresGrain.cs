namespace CrisisCenter.Grains.SignIn;

/// <summary>
/// Holds the count in memory only: the lockout itself is a fact in the directory stream; losing a partial count when
/// the silo holding it fails only restarts the count, it never unlocks an account.
/// </summary>
public sealed class SignInFailuresGrain : Grain, ISignInFailuresGrain
{
    private int failures;

    Task<bool> ISignInFailuresGrain.RecordFailure(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (++failures < limit) return Task.FromResult(false);
        failures = 0;
        return Task.FromResult(true);
    }

    Task ISignInFailuresGrain.Reset()
    {
        failures = 0;
        return Task.CompletedTask;
    }

    Task<int> ISignInFailuresGrain.Count() => Task.FromResult(failures);
}
