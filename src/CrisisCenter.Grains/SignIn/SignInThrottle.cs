namespace CrisisCenter.Grains.SignIn;

/// <summary>
/// How fast one account's passwords may be tried. Failures are counted per source (a client address, or a known
/// device) and per account: a source waits <see cref="FirstDelay"/> after its first failure, twice that after the
/// second, and so on up to <see cref="MaxDelay"/>. Once the account as a whole has failed
/// <see cref="AccountFailureCeiling"/> times in a row, attempts from unknown devices are let through one at a time,
/// <see cref="AccountDelay"/> apart; known devices only ever wait for their own failures.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ThrottlingRules(
    [property: Id(0)] TimeSpan FirstDelay,
    [property: Id(1)] TimeSpan MaxDelay,
    [property: Id(2)] int AccountFailureCeiling,
    [property: Id(3)] TimeSpan AccountDelay);

/// <summary>Where a sign-in attempt comes from: <paramref name="Key"/> names the client address or the known device
/// (the pair with the account is what is throttled); <paramref name="KnownDevice"/> is true only for a device that
/// proved (signed cookie) it signed in to this account before.</summary>
[GenerateSerializer, Immutable]
public sealed record SignInSource([property: Id(0)] string Key, [property: Id(1)] bool KnownDevice);

/// <summary>How a granted attempt ended. <see cref="Incomplete"/>: the password was right but a second-factor code is
/// still to come, which neither ends the run of failures nor adds to it.</summary>
public enum SignInOutcome
{
    Failed,
    Succeeded,
    Incomplete,
}

/// <summary>The answer to "may this attempt check a password now?": when not, <see cref="RetryAfter"/> says how long to wait.</summary>
[GenerateSerializer, Immutable]
public sealed record SignInPermit([property: Id(0)] bool Granted, [property: Id(1)] TimeSpan RetryAfter)
{
    public static readonly SignInPermit Grant = new(true, TimeSpan.Zero);

    public static SignInPermit WaitFor(TimeSpan retryAfter) => new(false, retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter);
}

/// <summary>
/// The counting behind <see cref="ThrottlingRules"/> for one account, with the clock passed in. An attempt is granted
/// by <see cref="Begin"/> and must be closed by <see cref="Finish"/>: attempts still in flight count, so a burst of
/// parallel guesses cannot all slip through before the first failure is known. An attempt that never finishes (its
/// node died) stops counting after <see cref="InFlightTimeout"/>.
/// </summary>
public sealed class SignInThrottle
{
    /// <summary>Parallel attempts one source may have in flight before it must wait for their outcome.</summary>
    public const int InFlightPerSource = 4;
    public static readonly TimeSpan InFlightTimeout = TimeSpan.FromMinutes(1);
    /// <summary>Sources remembered per account; beyond it the longest quiet ones are forgotten (an attacker with
    /// many addresses still meets the account-wide ceiling).</summary>
    public const int SourcesRemembered = 1_000;

    private readonly Dictionary<string, SourceCount> _sources = new(StringComparer.Ordinal);
    private readonly List<DateTimeOffset> _accountInFlight = [];
    private int _accountFailures;
    private DateTimeOffset _accountNextAt;

    /// <summary>Wrong passwords in a row for the account, from every source, since its last success.</summary>
    public int AccountFailures => _accountFailures;

    public int FailuresOf(string sourceKey) => _sources.TryGetValue(sourceKey, out var s) ? s.Failures : 0;

    public SignInPermit Begin(SignInSource source, ThrottlingRules rules, DateTimeOffset now)
    {
        var count = _sources.TryGetValue(source.Key, out var known) ? known : new SourceCount();
        count.InFlight.RemoveAll(started => now - started > InFlightTimeout);
        _accountInFlight.RemoveAll(started => now - started > InFlightTimeout);
        if (now < count.NextAt) return SignInPermit.WaitFor(count.NextAt - now);
        if (count.InFlight.Count >= InFlightPerSource) return SignInPermit.WaitFor(rules.FirstDelay);
        var accountSlowed = !source.KnownDevice && _accountFailures >= rules.AccountFailureCeiling;
        if (accountSlowed)
        {
            if (now < _accountNextAt) return SignInPermit.WaitFor(_accountNextAt - now);
            if (_accountInFlight.Count > 0) return SignInPermit.WaitFor(rules.AccountDelay);
            _accountInFlight.Add(now);
        }
        count.InFlight.Add(now);
        count.LastSeen = now;
        count.AccountSlot = accountSlowed ? now : null;
        _sources[source.Key] = count;
        Forget(now);
        return SignInPermit.Grant;
    }

    public void Finish(SignInSource source, SignInOutcome outcome, ThrottlingRules rules, DateTimeOffset now)
    {
        if (_sources.TryGetValue(source.Key, out var count))
        {
            if (count.InFlight.Count > 0) count.InFlight.RemoveAt(0);
            if (count.AccountSlot is { } slot) { _accountInFlight.Remove(slot); count.AccountSlot = null; }
            count.LastSeen = now;
        }
        if (outcome == SignInOutcome.Incomplete) return;
        if (outcome == SignInOutcome.Succeeded)
        {
            // The right password ends the run of failures for the account and for this source; other sources keep
            // waiting out their own failures (an attacker's address is not forgiven by the owner's success).
            _accountFailures = 0;
            _accountNextAt = default;
            if (count is not null) { count.Failures = 0; count.NextAt = default; }
            return;
        }
        _accountFailures++;
        if (_accountFailures >= rules.AccountFailureCeiling) _accountNextAt = now + rules.AccountDelay;
        if (count is null) _sources[source.Key] = count = new SourceCount { LastSeen = now };
        count.Failures++;
        count.NextAt = now + DelayAfter(count.Failures, rules);
    }

    /// <summary>FirstDelay × 2^(failures − 1), at most MaxDelay.</summary>
    public static TimeSpan DelayAfter(int failures, ThrottlingRules rules)
    {
        if (failures <= 0) return TimeSpan.Zero;
        var ticks = rules.FirstDelay.Ticks * Math.Pow(2, Math.Min(failures - 1, 40));
        return ticks >= rules.MaxDelay.Ticks ? rules.MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    private void Forget(DateTimeOffset now)
    {
        if (_sources.Count <= SourcesRemembered) return;
        foreach (var quiet in _sources.Where(p => p.Value.InFlight.Count == 0 && p.Value.NextAt <= now)
                     .OrderBy(p => p.Value.LastSeen).Take(_sources.Count - SourcesRemembered).Select(p => p.Key).ToList())
            _sources.Remove(quiet);
    }

    private sealed class SourceCount
    {
        public int Failures;
        public DateTimeOffset NextAt;
        public DateTimeOffset LastSeen;
        public DateTimeOffset? AccountSlot;
        public readonly List<DateTimeOffset> InFlight = [];
    }
}
