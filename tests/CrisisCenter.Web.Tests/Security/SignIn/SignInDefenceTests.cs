using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Web.Tests.Security.SignIn;

/// <summary>Guessing passwords is slow: sign-in is rate-limited per address (wrong passwords are further throttled per
/// account and address, see <see cref="SignInThrottlingTests"/>), commands are rate-limited per user, and weak
/// passwords are refused when accounts are created.</summary>
public sealed class SignInDefenceTests : IAsyncLifetime
{
    private const int SignInsPerMinute = 12;
    private const int CommandsPerMinute = 10;
    private CrisisCenterApp _app = null!;

    public async Task InitializeAsync() => _app = await CrisisCenterApp.StartAsync(settings: new Dictionary<string, string?>
    {
        ["RateLimits:SignInsPerMinute"] = SignInsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:CommandsPerMinute"] = CommandsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task sign_in_attempts_beyond_the_limit_per_minute_are_answered_429_with_retry_after()
    {
        await using var app = await CrisisCenterApp.StartAsync(settings: new Dictionary<string, string?> { ["RateLimits:SignInsPerMinute"] = "3" });
        using var client = app.Anonymous();
        for (var i = 0; i < 3; i++)
            (await SignInAsync(client, "nobody" + i, "whatever-whatever")).Should().Be(HttpStatusCode.Unauthorized);

        using var refused = await client.PostAsJsonAsync("/api/auth/token", new { userName = "nobody", password = "whatever-whatever" });
        refused.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact]
    public async Task commands_beyond_the_limit_per_user_are_answered_429_and_other_users_are_unaffected()
    {
        await _app.CreateUserAsync("busy.officer", "MES", "PressOfficer");
        await _app.CreateUserAsync("calm.officer", "MES", "PressOfficer");
        using var busy = await _app.SignInAsync("busy.officer");
        using var calm = await _app.SignInAsync("calm.officer");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < CommandsPerMinute + 5; i++)
        {
            using var response = await busy.PostAsJsonAsync("/api/incidents", new { title = "" });
            statuses.Add(response.StatusCode);
        }

        statuses.Should().Contain(HttpStatusCode.TooManyRequests);
        statuses.Take(CommandsPerMinute).Should().NotContain(HttpStatusCode.TooManyRequests, "the first {0} fit the bucket", CommandsPerMinute);
        using var other = await calm.PostAsJsonAsync("/api/incidents", new { title = "" });
        other.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the limit is per user");
    }

    [Theory]
    [InlineData("short-pw")]
    [InlineData("password123")]
    [InlineData("1234567890")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("weak.admin.candidate!")]
    public async Task a_weak_password_is_refused_when_an_account_is_created(string password)
    {
        var directory = _app.Services.GetRequiredService<AccountDirectory>();
        var create = () => directory.RegisterAsync(new NewAccount("weak.admin.candidate", "Weak", password, "MES", ["Admin"]), "tests");
        (await create.Should().ThrowAsync<AccountValidationException>()).Which.Errors.Should().ContainKey("password");
    }

    private static async Task<HttpStatusCode> SignInAsync(HttpClient client, string userName, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
        return response.StatusCode;
    }
}
