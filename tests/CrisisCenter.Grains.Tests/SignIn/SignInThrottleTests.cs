using CrisisCenter.Grains.SignIn;

namespace CrisisCenter.Grains.Tests.SignIn;

/// <summary>The throttle's rules with the clock in the test's hand: delays grow per source, the account-wide ceiling
/// slows unknown devices only, and nothing is ever a lockout.</summary>
public sealed class SignInThrottleTests
{
    private static readonly ThrottlingRules Rules = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), AccountFailureCeiling: 5, AccountDelay: TimeSpan.FromSeconds(30));
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly SignInSource Attacker = new("address:203.0.113.7", KnownDevice: false);
    private static readonly SignInSource OwnerDevice = new("device:owner", KnownDevice: true);
    private static readonly SignInSource OtherAddress = new("address:198.51.100.2", KnownDevice: false);

    private readonly SignInThrottle _throttle = new();

    [Fact]
    public void the_delay_doubles_from_the_first_delay_up_to_the_cap()
    {
        Enumerable.Range(1, 6).Select(n => SignInThrottle.DelayAfter(n, Rules).TotalSeconds).Should().Equal(1, 2, 4, 8, 8, 8);
        SignInThrottle.DelayAfter(10_000, Rules).Should().Be(Rules.MaxDelay);
    }

    [Fact]
    public void a_source_waits_after_a_wrong_password_and_may_try_again_once_the_delay_is_over()
    {
        var now = Fail(Attacker, Start);
        _throttle.Begin(Attacker, Rules, now).Should().Be(SignInPermit.WaitFor(TimeSpan.FromSeconds(1)));
        now = Fail(Attacker, now + TimeSpan.FromSeconds(1));
        _throttle.Begin(Attacker, Rules, now + TimeSpan.FromSeconds(1)).Should().Be(SignInPermit.WaitFor(TimeSpan.FromSeconds(1)));
        _throttle.Begin(Attacker, Rules, now + TimeSpan.FromSeconds(2)).Granted.Should().BeTrue("the second failure costs two seconds, no more");
    }

    [Fact]
    public void one_sources_failures_do_not_hold_up_another_source_below_the_ceiling()
    {
        var now = Start;
        for (var i = 0; i < Rules.AccountFailureCeiling - 1; i++) now = Fail(Attacker, now + SignInThrottle.DelayAfter(i, Rules));

        _throttle.Begin(OtherAddress, Rules, now).Granted.Should().BeTrue();
    }

    [Fact]
    public void above_the_ceiling_unknown_devices_are_slowed_but_a_known_device_is_not()
    {
        var now = Start;
        for (var i = 0; i < Rules.AccountFailureCeiling; i++) now = Fail(new SignInSource("address:10.0.0." + i, false), now);

        _throttle.Begin(OtherAddress, Rules, now).Should().Be(SignInPermit.WaitFor(Rules.AccountDelay));
        _throttle.Begin(OwnerDevice, Rules, now).Granted.Should().BeTrue("a device that signed in before is never held up by others' failures");
        _throttle.Finish(OwnerDevice, SignInOutcome.Succeeded, Rules, now);
        _throttle.AccountFailures.Should().Be(0, "the owner's success ends the account's run of failures");
        _throttle.Begin(OtherAddress, Rules, now).Granted.Should().BeTrue();
    }

    [Fact]
    public void above_the_ceiling_unknown_devices_are_let_through_one_at_a_time()
    {
        var now = Start;
        for (var i = 0; i < Rules.AccountFailureCeiling; i++) now = Fail(new SignInSource("address:10.0.0." + i, false), now);
        now += Rules.AccountDelay;

        _throttle.Begin(new SignInSource("address:10.0.1.1", false), Rules, now).Granted.Should().BeTrue();
        _throttle.Begin(new SignInSource("address:10.0.1.2", false), Rules, now).Granted.Should().BeFalse("one attempt is already being checked");
    }

    [Fact]
    public void parallel_attempts_from_one_source_are_bounded_before_any_outcome_is_known()
    {
        var granted = Enumerable.Range(0, 100).Count(_ => _throttle.Begin(Attacker, Rules, Start).Granted);

        granted.Should().Be(SignInThrottle.InFlightPerSource);
    }

    [Fact]
    public void an_attempt_that_never_finishes_stops_counting_after_the_timeout()
    {
        for (var i = 0; i < SignInThrottle.InFlightPerSource; i++) _throttle.Begin(Attacker, Rules, Start);

        _throttle.Begin(Attacker, Rules, Start + SignInThrottle.InFlightTimeout + TimeSpan.FromSeconds(1)).Granted.Should().BeTrue();
    }

    [Fact]
    public void a_success_clears_the_sources_own_delay_but_not_the_attackers()
    {
        var now = Fail(Attacker, Start);
        now = Fail(OtherAddress, now);
        _throttle.Begin(OtherAddress, Rules, now + Rules.FirstDelay).Granted.Should().BeTrue();
        _throttle.Finish(OtherAddress, SignInOutcome.Succeeded, Rules, now + Rules.FirstDelay);

        _throttle.FailuresOf(OtherAddress.Key).Should().Be(0);
        _throttle.FailuresOf(Attacker.Key).Should().Be(1);
        _throttle.Begin(Attacker, Rules, now).Granted.Should().BeFalse();
    }

    private DateTimeOffset Fail(SignInSource source, DateTimeOffset at)
    {
        _throttle.Begin(source, Rules, at).Granted.Should().BeTrue();
        _throttle.Finish(source, SignInOutcome.Failed, Rules, at);
        return at;
    }
}
