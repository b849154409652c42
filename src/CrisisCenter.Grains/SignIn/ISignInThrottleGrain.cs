namespace CrisisCenter.Grains.SignIn;

/// <summary>
/// The sign-in throttle of one account, kept once for the whole cluster (one activation per normalised user name,
/// known or not, so a throttled answer never tells whether the account exists), so an attacker who spreads guesses
/// over several nodes meets the same delays as one who keeps to a single node.
/// Keyed by the user name: <c>grains.GetGrain&lt;ISignInThrottleGrain&gt;(SignInThrottleGrain.KeyOf(userName))</c>.
/// </summary>
public interface ISignInThrottleGrain : IGrainWithStringKey
{
    /// <summary>Asks to check one password now; a granted attempt must be closed with <see cref="Finish"/>.</summary>
    Task<SignInPermit> Begin(SignInSource source, ThrottlingRules rules, DateTimeOffset now);

    Task Finish(SignInSource source, SignInOutcome outcome, ThrottlingRules rules, DateTimeOffset now);

    /// <summary>Wrong passwords in a row for the account (all sources) and for <paramref name="sourceKey"/>.</summary>
    Task<SignInFailureCounts> Failures(string sourceKey);
}

[GenerateSerializer, Immutable]
public sealed record SignInFailureCounts([property: Id(0)] int Account, [property: Id(1)] int Source);
