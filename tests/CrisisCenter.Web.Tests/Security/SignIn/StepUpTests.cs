using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Web.Auth;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Api.Staff;
using CrisisCenter.Web.Tests.Hosting;
using Microsoft.AspNetCore.Http;

namespace CrisisCenter.Web.Tests.Security.SignIn;

/// <summary>
/// The factor dimension of the authorisation matrix: with <c>Auth:SecondFactor:RequiredRoles</c> naming Approver, an
/// approver approves only with a second factor checked within the step-up window — never with a password-only token —
/// and gets a 403 naming the step-up until then; roles the policy does not name (and who have no authenticator) are
/// unaffected, which is how every other test (no policy configured) keeps approving and publishing.
/// </summary>
public sealed class StepUpTests : IAsyncLifetime
{
    private CrisisCenterApp _app = null!;

    public async Task InitializeAsync() => _app = await CrisisCenterApp.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Auth:SecondFactor:RequiredRoles:0"] = "Approver",
        ["Auth:Throttling:FirstDelay"] = "00:00:00.001",
        ["Auth:Throttling:MaxDelay"] = "00:00:00.002",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task an_approver_the_policy_covers_approves_only_after_a_fresh_second_factor()
    {
        await _app.CreateUserAsync("press.step", AgencyStaff.LeadAgency, "PressOfficer");
        await _app.CreateUserAsync("approver.step", AgencyStaff.LeadAgency, "Approver");
        using var press = await _app.SignInAsync("press.step");
        var incident = await press.DeclareIncidentAsync();
        var statement = await press.SubmitNewStatementAsync(incident.IncidentId);
        using var passwordOnly = await _app.SignInAsync("approver.step");

        (await ApproveCodeAsync(passwordOnly, statement)).Should().Be(StepUp.EnrolmentRequired, "the role requires a second factor and none is enrolled");
        var secret = await EnrolAsync(passwordOnly);
        (await ApproveCodeAsync(passwordOnly, statement)).Should().Be(StepUp.Required, "a token issued without a code never approves");

        using var wrong = await passwordOnly.PostAsJsonAsync("/api/auth/second-factor/step-up", new { code = "12-34" });
        wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var stepped = await passwordOnly.PostAsJsonAsync("/api/auth/second-factor/step-up", new { code = Totp.Code(secret, Totp.StepAt(DateTimeOffset.UtcNow) + 1) });
        stepped.StatusCode.Should().Be(HttpStatusCode.OK, await stepped.Content.ReadAsStringAsync());
        var token = (await stepped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        using var confirmed = _app.Authenticated(new AuthenticationHeaderValue("Bearer", token));

        (await confirmed.ApproveAsync(statement)).Duplicate.Should().BeFalse("approved once the second factor is fresh");
        var approvals = new List<string>();
        await foreach (var e in _app.Store.ReadStreamAsync(IncidentStreams.For(statement.IncidentId)))
            if (e.Type == "statement.approved.v1") approvals.Add(System.Text.Encoding.UTF8.GetString(e.Data.Span));
        approvals.Should().ContainSingle().Which.Should().Contain("\"confirmedWith\":\"otp\"", "the approval records that a second factor confirmed it");
        (await press.PublishAsync(statement, "website")).Duplicate.Should().BeFalse("a press officer is not named by this policy and has no authenticator");
    }

    [Theory]
    [InlineData("POST", "/api/incidents/5b0f3c1e-0000-0000-0000-000000000001/statements/5b0f3c1e-0000-0000-0000-000000000002/approve", true)]
    [InlineData("POST", "/api/incidents/5b0f3c1e-0000-0000-0000-000000000001/statements/5b0f3c1e-0000-0000-0000-000000000002/publish", true)]
    [InlineData("PUT", "/api/channels/telegram-main", true)]
    [InlineData("DELETE", "/api/channels/telegram-main", true)]
    [InlineData("POST", "/api/channels/telegram-main/enable", true)]
    [InlineData("POST", "/api/channels/telegram-main/disable", true)]
    [InlineData("GET", "/api/channels/telegram-main", false)]
    [InlineData("POST", "/api/incidents/5b0f3c1e-0000-0000-0000-000000000001/statements/5b0f3c1e-0000-0000-0000-000000000002/submit", false)]
    [InlineData("POST", "/api/incidents/5b0f3c1e-0000-0000-0000-000000000001/statements/5b0f3c1e-0000-0000-0000-000000000002/reject", false)]
    [InlineData("POST", "/api/incidents", false)]
    public void the_step_up_covers_approving_publishing_and_channel_changes_and_nothing_else(string method, string path, bool covered)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = path;

        StepUp.Covers(http.Request).Should().Be(covered);
    }

    private static async Task<string?> ApproveCodeAsync(HttpClient approver, StatementInReview statement)
    {
        using var response = await approver.PostJsonAsync(ApiRoutes.Approve(statement.IncidentId, statement.StatementId), ApiBodies.Approval(statement.Revision, statement.ContentHash));
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().Should().Be("Second factor step-up required");
        return problem.GetProperty("code").GetString();
    }

    private static async Task<byte[]> EnrolAsync(HttpClient session)
    {
        using var begun = await session.PostAsJsonAsync("/api/auth/second-factor/totp/enrolment", new { });
        var enrolment = await begun.Content.ReadFromJsonAsync<JsonElement>();
        var secret = Base32.Decode(enrolment.GetProperty("secret").GetString()!);
        using var confirmed = await session.PostAsJsonAsync("/api/auth/second-factor/totp/confirm",
            new { ticket = enrolment.GetProperty("ticket").GetString(), code = Totp.Code(secret, Totp.StepAt(DateTimeOffset.UtcNow)) });
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK);
        return secret;
    }
}
