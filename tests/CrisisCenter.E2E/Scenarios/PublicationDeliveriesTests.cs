using System.Net;
using System.Text.Json;
using CrisisCenter.E2E.Browser;
using CrisisCenter.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace CrisisCenter.E2E.Scenarios;

/// <summary>
/// A statement published to a partner's webhook while the partner is down: the post is abandoned and the
/// publication panel shows it live; once the partner is back, the press officer clicks Retry and sees it delivered.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class PublicationDeliveriesTests(DashboardFixture fixture)
{
    private const string Channel = "partner-akimat";

    [SkippableFact]
    public async Task An_abandoned_post_shows_live_and_a_retry_after_the_partner_recovers_delivers_it()
    {
        fixture.SkipUnlessBrowserAvailable();
        await using var partner = FlakyPartner.Start();
        await using var app = await RunningApp.StartAsync(new Dictionary<string, string>
        {
            [$"Channels__Targets__{Channel}__Kind"] = "Webhook",
            [$"Channels__Targets__{Channel}__Url"] = partner.Url,
            [$"Channels__Targets__{Channel}__Secret"] = "e2e-partner-secret",
            [$"Channels__Targets__{Channel}__Events__0"] = "statement.published",
            ["Channels__Dispatch__MaxAttempts"] = "2",
            ["Channels__Dispatch__BaseDelay"] = "00:00:00.100",
            ["Channels__Dispatch__MaxDelay"] = "00:00:00.300",
        });
        try
        {
            await using var press = await fixture.SignInAsync(TestUser.PressOfficer, node: app);
            await using var approver = await fixture.SignInAsync(TestUser.Approver, node: app);

            var incidentId = await IncidentSetup.DeclareAsync(press, "Сел қаупі: Талғар өзені");
            var statementId = await IncidentSetup.DraftAsync(press, incidentId, new Dictionary<string, object>
            {
                ["kk"] = IncidentSetup.Text("Талғар өзенінде сел қаупі", "Өзен арнасынан алыс болыңыз."),
                ["ru"] = IncidentSetup.Text("Угроза селя на реке Талгар", "Держитесь подальше от русла реки."),
            });
            await IncidentSetup.SubmitAsync(press, incidentId, statementId, 1);
            var hash = (await press.GetAsync($"/api/incidents/{incidentId}/statements/{statementId}")).GetProperty("revisions")[0].GetProperty("contentHash").GetString()!;
            await approver.PostAsync($"/api/incidents/{incidentId}/statements/{statementId}/approve", new { revision = 1, contentHash = hash });

            // The press officer has the incident open when the statement goes out.
            await press.Page.GotoAsync($"/#/incidents/{incidentId}");
            await press.ExpectLiveAsync();
            var panel = press.Page.Locator("[data-testid='publication']");
            await Expect(panel).ToBeVisibleAsync();
            await press.PostAsync($"/api/incidents/{incidentId}/statements/{statementId}/publish", new { revision = 1, contentHash = hash, channels = new[] { Channel } });

            var kk = panel.Locator($".post-cell[data-channel='{Channel}'][data-language='kk']");
            var ru = panel.Locator($".post-cell[data-channel='{Channel}'][data-language='ru']");
            await Expect(kk).ToHaveAttributeAsync("data-status", "Abandoned", new() { Timeout = 30_000 });
            await Expect(ru).ToHaveAttributeAsync("data-status", "Abandoned", new() { Timeout = 30_000 });
            await Expect(kk).ToContainTextAsync("HTTP 503");
            await Expect(press.Page.Locator("li.tl-alert[data-type='channel_post.abandoned.v1']")).ToHaveCountAsync(2);

            partner.IsDown = false;
            await kk.Locator("button[data-action='retry']").ClickAsync();
            await Expect(kk).ToHaveAttributeAsync("data-status", "Delivered", new() { Timeout = 30_000 });
            await Expect(ru).ToHaveAttributeAsync("data-status", "Abandoned");
            await Expect(press.Page.Locator("li[data-type='channel_post.retry_requested.v1']")).ToHaveCountAsync(1);
            await Expect(press.Page.Locator("li[data-type='channel_post.delivered.v1']")).ToHaveCountAsync(1);
            partner.Delivered.Should().Be(1);
            await fixture.Screenshots.TakeAsync(press.Page, "publication-deliveries");

            // An approver follows the incident but may not act on posts: no buttons for them.
            await approver.Page.GotoAsync($"/#/incidents/{incidentId}");
            await Expect(approver.Page.Locator($"[data-testid='publication'] .post-cell[data-language='ru']")).ToHaveAttributeAsync("data-status", "Abandoned");
            await Expect(approver.Page.Locator("[data-testid='publication'] button")).ToHaveCountAsync(0);

            press.PageErrors.Should().BeEmpty();
            // The panel and its dialog keep the CSP: no inline style or script was refused.
            press.ConsoleErrors.Should().NotContain(e => e.Contains("Content Security Policy") || e.StartsWith("Refused"));
        }
        finally
        {
            app.SaveOutput("publication-deliveries-app");
        }
    }

    /// <summary>A partner's webhook endpoint on loopback that answers 503 while down and 200 once back.</summary>
    private sealed class FlakyPartner : IAsyncDisposable
    {
        private readonly LoopbackWebhookEndpoint endpoint;
        private int delivered;

        private FlakyPartner() => endpoint = new LoopbackWebhookEndpoint(HandleAsync);

        public string Url => endpoint.Url;
        public volatile bool IsDown = true;
        public int Delivered => Volatile.Read(ref delivered);

        public static FlakyPartner Start() => new();

        private async Task HandleAsync(HttpListenerContext context)
        {
            using var body = new StreamReader(context.Request.InputStream);
            var json = JsonDocument.Parse(await body.ReadToEndAsync());
            if (IsDown)
            {
                context.Response.StatusCode = 503;
                return;
            }

            json.RootElement.GetProperty("type").GetString().Should().Be("statement.published");
            Interlocked.Increment(ref delivered);
            context.Response.StatusCode = 200;
        }

        public ValueTask DisposeAsync() => endpoint.DisposeAsync();
    }
}
