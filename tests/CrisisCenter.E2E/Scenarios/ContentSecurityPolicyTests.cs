using CrisisCenter.E2E.Browser;
using CrisisCenter.E2E.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrisisCenter.E2E.Scenarios;

/// <summary>The dashboard has no inline script, style or event handler, so a strict Content-Security-Policy on the
/// page changes nothing. The policy is added here by the browser test (the server will send its own).</summary>
[Collection(DashboardCollection.Name)]
public sealed class ContentSecurityPolicyTests(DashboardFixture fixture)
{
    private const string StrictPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; font-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    [SkippableFact]
    public async Task Every_screen_works_under_a_strict_policy_without_a_single_violation()
    {
        fixture.SkipUnlessBrowserAvailable();
        await using var press = await fixture.OpenAsync("en");
        await press.Page.RouteAsync("**/*", async route =>
        {
            if (route.Request.ResourceType != "document")
            {
                await route.ContinueAsync();
                return;
            }
            var response = await route.FetchAsync();
            var headers = new Dictionary<string, string>(response.Headers) { ["content-security-policy"] = StrictPolicy };
            await route.FulfillAsync(new RouteFulfillOptions { Response = response, Headers = headers });
        });
        var violations = new List<string>();
        press.Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) lock (violations) violations.Add(message.Text);
        };
        await press.Page.ReloadAsync();

        // The policy is in force: an inline script added by hand is blocked (and reported), so "no violation" below means something.
        await press.Page.EvaluateAsync("() => document.head.appendChild(Object.assign(document.createElement('script'), { textContent: 'window.__inline = 1' }))");
        (await press.Page.EvaluateAsync<int?>("() => window.__inline ?? null")).Should().BeNull();
        for (var waited = 0; violations.Count == 0 && waited < 40; waited++) await Task.Delay(50);
        violations.Should().ContainSingle().Which.Should().Contain("script-src");
        violations.Clear();

        await press.SignInAsync(TestUser.PressOfficer);
        await press.ExpectLiveAsync();

        var incidentId = await IncidentSetup.DeclareAsync(press, "Дауыл: Алматы облысы");
        foreach (var route in new[] { $"/#/incidents/{incidentId}", $"/#/incidents/{incidentId}/rumors", $"/#/incidents/{incidentId}/statements/new", "/#/board" })
        {
            await press.Page.GotoAsync(route);
            await Expect(press.Page.Locator("main h1")).ToBeVisibleAsync();
        }
        await press.ExpectLiveAsync();
        violations.Should().BeEmpty();
        press.PageErrors.Should().BeEmpty();
    }
}
