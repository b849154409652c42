using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Application.Audit;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Serialization;
using CrisisCenter.Web.Auth;
using CrisisCenter.Web.Tests.Hosting;
using CrisisCenter.Web.Tests.Support;

namespace CrisisCenter.Web.Tests.Security.SignIn;

/// <summary>
/// Wrong passwords slow further attempts per (account, client address) and, past a much higher ceiling, per account
/// for unknown devices, but never lock anyone out: the owner's known device signs in whatever an attacker does, and
/// anyone's right password works once their short delay is over. Attackers and the owner are played from different
/// loopback addresses (127.0.0.x).
/// </summary>
public sealed class SignInThrottlingTests : IAsyncLifetime
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(3);
    private const int AccountFailureCeiling = 10;
    private static readonly TimeSpan AccountDelay = TimeSpan.FromMinutes(1);
    private CrisisCenterApp _app = null!;

    public async Task InitializeAsync() => _app = await CrisisCenterApp.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Auth:Throttling:FirstDelay"] = FirstDelay.ToString(),
        ["Auth:Throttling:MaxDelay"] = MaxDelay.ToString(),
        ["Auth:Throttling:AccountFailureCeiling"] = AccountFailureCeiling.ToString(CultureInfo.InvariantCulture),
        ["Auth:Throttling:AccountDelay"] = AccountDelay.ToString(),
        // The per-address rate limit is another defence (tested in SignInDefenceTests); here it must not interfere.
        ["RateLimits:SignInsPerMinute"] = "100000",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task an_attackers_wrong_passwords_from_one_address_slow_down_as_configured_and_do_not_keep_the_owner_out()
    {
        await _app.CreateUserAsync("duty.press", "MES", "PressOfficer");
        using var owner = ClientAddress.From(_app.BaseAddress, "127.0.0.2");
        (await TokenAsync(owner, "duty.press", CrisisCenterApp.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the owner's device becomes known");
        using var attacker = ClientAddress.From(_app.BaseAddress, "127.0.0.3");

        var checkedGuesses = 0;
        var throttled = 0;
        var clock = Stopwatch.StartNew();
        var window = TimeSpan.FromSeconds(4);
        while (clock.Elapsed < window)
        {
            using var answer = await TokenAsync(attacker, "duty.press", "guess-" + checkedGuesses + "-" + throttled);
            if (answer.StatusCode == HttpStatusCode.Unauthorized) { checkedGuesses++; continue; }
            answer.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
            throttled++;
            answer.Headers.RetryAfter?.Delta.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.BeLessThanOrEqualTo(MaxDelay);
            answer.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
            var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("status").GetInt32().Should().Be(429);
            problem.GetProperty("title").GetString().Should().Be("Too many sign-in attempts");
        }

        // 1 s, 2 s, then 3 s apart: within 4 s the password is checked at 0, 1 and 3 s.
        var allowed = 1 + CountOfDelaysWithin(clock.Elapsed);
        checkedGuesses.Should().BeInRange(2, allowed, "the attacker's guesses are checked only as fast as the delays allow");
        throttled.Should().BeGreaterThan(checkedGuesses, "every other attempt was answered 429 without checking the password");

        (await TokenAsync(owner, "duty.press", CrisisCenterApp.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the owner's known device is not held up");
        using var elsewhere = ClientAddress.From(_app.BaseAddress, "127.0.0.4");
        (await TokenAsync(elsewhere, "duty.press", CrisisCenterApp.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "another address has no failures of its own");

        await Task.Delay(MaxDelay);
        (await TokenAsync(attacker, "duty.press", CrisisCenterApp.Password)).StatusCode.Should().Be(HttpStatusCode.OK,
            "a throttle is not a lockout: even from the noisy address the right password works once the delay is over");
    }

    [Fact]
    public async Task the_owner_at_a_new_address_waits_only_the_short_delay_after_a_typo()
    {
        await _app.CreateUserAsync("duty.typo", "MES", "PressOfficer");
        using var owner = ClientAddress.From(_app.BaseAddress, "127.0.0.5");

        (await TokenAsync(owner, "duty.typo", "correct-horse-batery")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var tooSoon = await TokenAsync(owner, "duty.typo", CrisisCenterApp.Password);
        tooSoon.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the password is not even checked during the delay");
        tooSoon.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));

        await Task.Delay(FirstDelay + TimeSpan.FromMilliseconds(50));
        (await TokenAsync(owner, "duty.typo", CrisisCenterApp.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task above_the_account_ceiling_unknown_devices_are_slowed_and_the_owners_known_device_is_not()
    {
        await _app.CreateUserAsync("duty.target", "MES", "Approver");
        using var owner = ClientAddress.From(_app.BaseAddress, "127.0.0.6");
        (await TokenAsync(owner, "duty.target", CrisisCenterApp.Password)).StatusCode.Should().Be(HttpStatusCode.OK);

        for (var i = 0; i < AccountFailureCeiling; i++)
        {
            using var bot = ClientAddress.From(_app.BaseAddress, "127.0.1." + (i + 1).ToString(CultureInfo.InvariantCulture));
            (await TokenAsync(bot, "duty.target", "spray-" + i)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "each address's first guess is checked");
        }

        using var newcomer = ClientAddress.From(_app.BaseAddress, "127.0.2.1");
        using var slowed = await TokenAsync(newcomer, "duty.target", CrisisCenterApp.Password);
        slowed.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "past the ceiling, unknown devices wait for the account");
        slowed.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.FromSeconds(30)).And.BeLessThanOrEqualTo(AccountDelay);
        using var forger = ClientAddress.From(_app.BaseAddress, "127.0.2.2");
        forger.DefaultRequestHeaders.Add("Cookie", KnownDevices.CookieName + "=CfDJ8-not-a-cookie-this-app-issued");
        (await TokenAsync(forger, "duty.target", CrisisCenterApp.Password)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "a forged device cookie is no known device");

        (await TokenAsync(owner, "duty.target", CrisisCenterApp.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the owner's known device is never held up by others");
        (await TokenAsync(newcomer, "duty.target", CrisisCenterApp.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the owner's success ended the account's run of failures");
    }

    [Fact]
    public async Task a_user_name_that_does_not_exist_is_throttled_like_one_that_does()
    {
        using var prober = ClientAddress.From(_app.BaseAddress, "127.0.0.7");

        (await TokenAsync(prober, "nobody.here", "guess-guess-1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await TokenAsync(prober, "nobody.here", "guess-guess-2")).StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "a different answer would reveal which accounts exist");
    }

    [Fact]
    public async Task a_lockout_stored_by_an_earlier_version_still_replays_and_refuses_no_one()
    {
        var account = await _app.CreateUserAsync("duty.locked", "MES", "PressOfficer");
        var now = DateTimeOffset.UtcNow;
        var lockedOut = new AccountLockedOut(account.UserId, 5, now.AddMinutes(15), "system", now);
        await _app.Store.AppendAsync(AccountDirectory.Stream, ExpectedRevision.Any,
            [new EventData(Guid.NewGuid(), "account.locked_out.v1", JsonSerializer.SerializeToUtf8Bytes(lockedOut, DomainJson.Options), ActingUser.For("system"))]);

        using var owner = ClientAddress.From(_app.BaseAddress, "127.0.0.8");
        (await TokenAsync(owner, "duty.locked", CrisisCenterApp.Password)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("Auth:Throttling:MaxDelay", "00:00:00.100")]
    [InlineData("Auth:Throttling:FirstDelay", "00:00:00")]
    [InlineData("Auth:Throttling:AccountFailureCeiling", "0")]
    [InlineData("Auth:Throttling:AccountDelay", "-00:00:01")]
    public async Task a_setting_that_makes_no_sense_stops_the_start_with_a_message_naming_it(string key, string value)
    {
        var data = CrisisCenterApp.NewDataDirectory();
        using var cleanup = DataDirectories.DeleteLater(data);

        var start = () => CrisisCenterApp.StartAsync(data, new Dictionary<string, string?> { [key] = value });

        (await start.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain(key);
    }

    private static int CountOfDelaysWithin(TimeSpan elapsed)
    {
        var (count, spent) = (0, TimeSpan.Zero);
        for (var failures = 1; ; failures++)
        {
            spent += failures switch { 1 => FirstDelay, 2 => FirstDelay * 2, _ => MaxDelay };
            if (spent > elapsed) return count;
            count++;
        }
    }

    private static Task<HttpResponseMessage> TokenAsync(HttpClient client, string userName, string password) =>
        client.PostAsJsonAsync("/api/auth/token", new { userName, password });
}
