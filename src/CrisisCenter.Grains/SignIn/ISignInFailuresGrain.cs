namespace CrisisCenter.Grains.SignIn;

/// <summary>
/// The wrong passwords in a row of one account, counted once for the whole cluster (one activation per account id),
/// so an attacker who spreads guesses over several nodes meets the same limit as one who keeps to a single node.
/// Keyed by the account's user id: <c>grains.GetGrain&lt;ISignInFailuresGrain&gt;(userId)</c>.
/// </summary>
public interface ISignInFailuresGrain : IGrainWithStringKey
{
    /// <summary>Counts one more failure; true exactly once, for the failure that reaches <paramref name="limit"/>
    /// (the count then starts again, as the caller records the lockout).</summary>
    Task<bool> RecordFailure(int limit);

    /// <summary>A successful sign-in: the count starts again.</summary>
    Task Reset();

    /// <summary>Failures counted since the last success or lockout.</summary>
    Task<int> Count();
}
