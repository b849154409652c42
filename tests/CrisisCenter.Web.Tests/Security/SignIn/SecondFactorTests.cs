using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Web.Tests.Hosting;
using CrisisCenter.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Web.Tests.Security.SignIn;

/// <summary>
/// A TOTP authenticator for a local account: enrolled in two steps (secret shown once, stored only as ciphertext),
/// then every sign-in needs a code, each code and recovery code works once, and an admin can reset it (audited). The
/// test computes the codes as an authenticator app would. Throttling is set to a few milliseconds here: it is tested
/// in <see cref="SignInThrottlingTests"/>, and a wrong code counts as a failure like a wrong password.
/// </summary>
public sealed class SecondFactorTests : IAsyncLifetime
{
    private CrisisCenterApp _app = null!;

    public async Task InitializeAsync() => _app = await CrisisCenterApp.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Auth:Throttling:FirstDelay"] = "00:00:00.001",
        ["Auth:Throttling:MaxDelay"] = "00:00:00.002",
        ["Auth:SecondFactor:RequiredRoles:0"] = "Approver",
        ["RateLimits:SignInsPerMinute"] = "100000",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task after_enrolment_every_sign_in_needs_a_code_and_each_code_works_once()
    {
        await _app.CreateUserAsync("approver.totp", "MES", "Approver");
        using var session = await _app.SignInAsync("approver.totp");
        (await MeAsync(session)).GetProperty("secondFactor").GetRawText().Should().Be("""{"enrolled":false,"required":true,"thisSession":false}""");
        var (secret, recoveryCodes) = await EnrolAsync(session);
        recoveryCodes.Should().HaveCount(SecondFactors.RecoveryCodeCount).And.OnlyHaveUniqueItems();

        using (var withoutCode = await TokenAsync("approver.totp", code: null))
        {
            withoutCode.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            var problem = await withoutCode.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("title").GetString().Should().Be("Second factor required");
            problem.GetProperty("code").GetString().Should().Be("auth.second_factor_required");
        }
        var step = Totp.StepAt(DateTimeOffset.UtcNow);
        using (var signedIn = await TokenAsync("approver.totp", Totp.Code(secret, step)))
        {
            signedIn.StatusCode.Should().Be(HttpStatusCode.OK);
            using var client = await BearerAsync(signedIn);
            (await MeAsync(client)).GetProperty("secondFactor").GetRawText().Should().Be("""{"enrolled":true,"required":true,"thisSession":true}""");
        }
        using (var replayed = await TokenAsync("approver.totp", Totp.Code(secret, step)))
        {
            replayed.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "a code works once");
            (await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().Should().Be("auth.second_factor_refused");
        }
        (await StatusAsync("approver.totp", Totp.Code(secret, step + 1))).Should().Be(HttpStatusCode.OK, "the next step's code is within the ±1 step tolerance");
        (await StatusAsync("approver.totp", Totp.Code(secret, step - 1))).Should().Be(HttpStatusCode.Unauthorized, "a step before one already used is spent");
        (await StatusAsync("approver.totp", recoveryCodes[3].ToUpperInvariant())).Should().Be(HttpStatusCode.OK, "a recovery code stands in for the app");
        (await StatusAsync("approver.totp", recoveryCodes[3])).Should().Be(HttpStatusCode.Unauthorized, "a recovery code works once");
        (await StatusAsync("approver.totp", "123456-not-a-code")).Should().Be(HttpStatusCode.Unauthorized);

        var stored = await DirectoryEventsAsync();
        var enrolled = stored.Single(e => e.Type == "account.totp_enrolled.v1");
        var enrolledJson = Encoding.UTF8.GetString(enrolled.Data.Span);
        enrolledJson.Should().NotContain(Base32.Encode(secret), "the secret is stored only as Data Protection ciphertext");
        recoveryCodes.Should().OnlyContain(code => !enrolledJson.Contains(code, StringComparison.Ordinal), "recovery codes are stored only as hashes");
        using var again = await session.PostAsJsonAsync("/api/auth/second-factor/totp/enrolment", new { });
        again.StatusCode.Should().Be(HttpStatusCode.Conflict, "the secret is never handed out again");
    }

    [Fact]
    public async Task a_wrong_code_does_not_complete_the_enrolment()
    {
        await _app.CreateUserAsync("press.totp", "MES", "PressOfficer");
        using var session = await _app.SignInAsync("press.totp");
        using var begun = await session.PostAsJsonAsync("/api/auth/second-factor/totp/enrolment", new { });
        var enrolment = await begun.Content.ReadFromJsonAsync<JsonElement>();
        var secret = Base32.Decode(enrolment.GetProperty("secret").GetString()!);
        enrolment.GetProperty("otpAuthUri").GetString().Should().StartWith("otpauth://totp/CrisisCenter:press.totp?secret=" + Base32.Encode(secret));
        var step = Totp.StepAt(DateTimeOffset.UtcNow);
        var wrong = Enumerable.Range(0, 1000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
            .First(c => c != Totp.Code(secret, step - 1) && c != Totp.Code(secret, step) && c != Totp.Code(secret, step + 1));

        using var refused = await session.PostAsJsonAsync("/api/auth/second-factor/totp/confirm", new { ticket = enrolment.GetProperty("ticket").GetString(), code = wrong });
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("code", out _).Should().BeTrue();
        using var forged = await session.PostAsJsonAsync("/api/auth/second-factor/totp/confirm", new { ticket = "CfDJ8-forged", code = Totp.Code(secret, step) });
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var account = await _app.Services.GetRequiredService<AccountDirectory>().FindByUserNameAsync("press.totp");
        account!.Totp.Should().BeNull();
        (await StatusAsync("press.totp", code: null)).Should().Be(HttpStatusCode.OK, "nothing was enrolled");
    }

    [Fact]
    public async Task an_admin_resets_a_users_second_factors_which_ends_their_sessions_and_is_recorded_with_the_admin()
    {
        var admin = await _app.CreateUserAsync("admin.reset", "MES", "Admin");
        var user = await _app.CreateUserAsync("approver.lostphone", "MES", "Approver");
        using var session = await _app.SignInAsync("approver.lostphone");
        var (secret, _) = await EnrolAsync(session);
        using var signedIn = await TokenAsync("approver.lostphone", Totp.Code(secret, Totp.StepAt(DateTimeOffset.UtcNow)));
        using var withFactor = await BearerAsync(signedIn);
        using var adminSession = await _app.SignInAsync("admin.reset");

        using (var notAdmin = await withFactor.PostAsJsonAsync($"/api/users/{user.UserId}/second-factor/reset", new { reason = "Lost phone" }))
            notAdmin.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using (var reset = await adminSession.PostAsJsonAsync($"/api/users/{user.UserId}/second-factor/reset", new { reason = "Lost phone, called the duty desk" }))
            reset.StatusCode.Should().Be(HttpStatusCode.NoContent, await reset.Content.ReadAsStringAsync());

        var fact = (await DirectoryEventsAsync()).Single(e => e.Type == "account.second_factors_reset.v1");
        fact.Metadata.ActorId.Should().Be(admin.UserId, "the audit names the admin who reset it");
        using (var stale = await withFactor.GetAsync("/api/auth/me")) stale.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "sessions issued before the reset end");
        (await StatusAsync("approver.lostphone", code: null)).Should().Be(HttpStatusCode.OK, "the user signs in with the password and enrols again");
        using (var unknown = await adminSession.PostAsJsonAsync("/api/users/u-nobody/second-factor/reset", new { reason = "typo" }))
            unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Auth:SecondFactor:RequiredRoles:0", "Boss", "Auth:SecondFactor:RequiredRoles")]
    [InlineData("Auth:SecondFactor:Issuer", "Crisis:Center", "Auth:SecondFactor:Issuer")]
    public async Task a_second_factor_setting_that_makes_no_sense_stops_the_start(string key, string value, string named)
    {
        var data = CrisisCenterApp.NewDataDirectory();
        using var cleanup = DataDirectories.DeleteLater(data);

        var start = () => CrisisCenterApp.StartAsync(data, new Dictionary<string, string?> { [key] = value });

        (await start.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain(named);
    }

    private async Task<(byte[] Secret, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(HttpClient session)
    {
        using var begun = await session.PostAsJsonAsync("/api/auth/second-factor/totp/enrolment", new { });
        begun.StatusCode.Should().Be(HttpStatusCode.OK, await begun.Content.ReadAsStringAsync());
        var enrolment = await begun.Content.ReadFromJsonAsync<JsonElement>();
        var secret = Base32.Decode(enrolment.GetProperty("secret").GetString()!);
        using var confirmed = await session.PostAsJsonAsync("/api/auth/second-factor/totp/confirm",
            new { ticket = enrolment.GetProperty("ticket").GetString(), code = Totp.Code(secret, Totp.StepAt(DateTimeOffset.UtcNow)) });
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        var codes = (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToList();
        return (secret, codes);
    }

    private async Task<List<CrisisCenter.EventStore.RecordedEvent>> DirectoryEventsAsync()
    {
        var stored = new List<CrisisCenter.EventStore.RecordedEvent>();
        await foreach (var e in _app.Store.ReadStreamAsync(AccountDirectory.Stream)) stored.Add(e);
        return stored;
    }

    private async Task<HttpResponseMessage> TokenAsync(string userName, string? code)
    {
        using var client = _app.Anonymous();
        return await client.PostAsJsonAsync("/api/auth/token", new { userName, password = CrisisCenterApp.Password, code });
    }

    private async Task<HttpStatusCode> StatusAsync(string userName, string? code)
    {
        using var response = await TokenAsync(userName, code);
        return response.StatusCode;
    }

    private async Task<HttpClient> BearerAsync(HttpResponseMessage tokenResponse)
    {
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        return _app.Authenticated(new AuthenticationHeaderValue("Bearer", token));
    }

    private static async Task<JsonElement> MeAsync(HttpClient client) => await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
}
