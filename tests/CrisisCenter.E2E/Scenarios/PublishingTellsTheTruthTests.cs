using System.Net;
using CrisisCenter.E2E.Browser;
using CrisisCenter.E2E.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrisisCenter.E2E.Scenarios;

/// <summary>
/// Publishing states what will happen and what did: the editor offers only the channels the server has configured
/// (here the website, CAP and a partner's webhook, never a Telegram channel nobody set up), the API refuses a channel
/// it does not know, and the statement's status says "Published" in green only once every post is delivered: while
/// the partner is down it reads "2 of 4 delivered, 2 failing" and names the partner's posts.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class PublishingTellsTheTruthTests(DashboardFixture fixture)
{
    private const string Partner = "partner-akimat";

    [SkippableFact]
    public async Task The_editor_offers_only_configured_channels_and_the_status_reads_the_deliveries()
    {
        fixture.SkipUnlessBrowserAvailable();
        var partnerState = new PartnerState();
        await using var partner = new LoopbackWebhookEndpoint(context =>
        {
            context.Response.StatusCode = partnerState.IsDown ? 503 : 200;
            return Task.CompletedTask;
        });
        await using var app = await RunningApp.StartAsync(new Dictionary<string, string>
        {
            [$"Channels__Targets__{Partner}__Kind"] = "Webhook",
            [$"Channels__Targets__{Partner}__Url"] = partner.Url,
            [$"Channels__Targets__{Partner}__Secret"] = "e2e-partner-secret",
            ["Channels__Dispatch__MaxAttempts"] = "2",
            ["Channels__Dispatch__BaseDelay"] = "00:00:00.100",
            ["Channels__Dispatch__MaxDelay"] = "00:00:00.300",
        });
        try
        {
            await using var press = await fixture.SignInAsync(TestUser.PressOfficer, node: app);
            await using var approver = await fixture.SignInAsync(TestUser.Approver, node: app);

            var incidentId = await IncidentSetup.DeclareAsync(press, "Су тасқыны: Есіл өзені");
            var statementId = await IncidentSetup.DraftAsync(press, incidentId, new Dictionary<string, object>
            {
                ["kk"] = IncidentSetup.Text("Есіл өзенінде су деңгейі көтерілді", "Жағалаудан алыс болыңыз."),
                ["ru"] = IncidentSetup.Text("Уровень воды в реке Есиль поднялся", "Держитесь подальше от берега."),
            });
            await IncidentSetup.SubmitAsync(press, incidentId, statementId, 1);
            var hash = (await press.GetAsync($"/api/incidents/{incidentId}/statements/{statementId}")).GetProperty("revisions")[0].GetProperty("contentHash").GetString()!;
            await approver.PostAsync($"/api/incidents/{incidentId}/statements/{statementId}/approve", new { revision = 1, contentHash = hash });

            // The API refuses a channel nobody configured, and records nothing.
            var before = await RevisionAsync(press, incidentId);
            var refused = await press.Context.APIRequest.PostAsync($"/api/incidents/{incidentId}/statements/{statementId}/publish", new APIRequestContextOptions
            {
                DataObject = new { revision = 1, contentHash = hash, channels = new[] { "website", "telegram" } },
                Headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() },
            });
            refused.Status.Should().Be((int)HttpStatusCode.UnprocessableEntity);
            (await refused.TextAsync()).Should().Contain("'telegram'").And.Contain("channel.not_configured");
            (await RevisionAsync(press, incidentId)).Should().Be(before, "a refused publish appends nothing");

            // The editor offers exactly the server's channels, none ticked in advance.
            await press.Page.GotoAsync($"/#/incidents/{incidentId}/statements/{statementId}");
            var form = press.Page.Locator("form.publish-form");
            var choices = form.Locator("[data-testid='publish-channels'] [data-channel]");
            await Expect(choices).ToHaveCountAsync(3);
            (await choices.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.channel)")).Should().BeEquivalentTo(["cap", "website", Partner]);
            await Expect(form.Locator("input[value='telegram'], input[value='feed']")).ToHaveCountAsync(0);
            await Expect(form.Locator("input[type='checkbox']:checked")).ToHaveCountAsync(0);

            await form.GetByLabel("Official website").CheckAsync();
            await form.Locator($"input[value='{Partner}']").CheckAsync();
            await press.Page.RunAndWaitForResponseAsync(
                () => form.Locator("button[type='submit']").ClickAsync(),
                r => r.Url.EndsWith("/publish") && r.Status == 200);

            // The partner is down: the website has both languages, the partner's posts fail, and the status says so.
            var status = press.Page.Locator("[data-testid='statement-delivery']");
            await Expect(status.Locator(".badge")).ToHaveAttributeAsync("data-delivery", "failing", new() { Timeout = 30_000 });
            await Expect(status.Locator(".badge")).ToHaveTextAsync("Published — 2 of 4 delivered, 2 failing", new() { Timeout = 30_000 });
            await Expect(status.Locator("[data-testid='failing-posts']")).ToHaveTextAsync($"Failing: {Partner} (KK), {Partner} (RU)");
            await Expect(status.Locator(".badge.statement-published")).ToHaveCountAsync(0);
            await fixture.Screenshots.TakeAsync(press.Page, "publishing-failing");

            // The incident's statement list tells the same.
            await press.Page.GotoAsync($"/#/incidents/{incidentId}");
            var item = press.Page.Locator($".statement-item[data-statement-id='{statementId}']");
            await Expect(item.Locator(".badge")).ToHaveAttributeAsync("data-delivery", "failing");

            // The partner recovers; an operator retries its posts; the status turns green "Published", live.
            await press.Page.GotoAsync($"/#/incidents/{incidentId}/statements/{statementId}");
            await press.ExpectLiveAsync();
            partnerState.IsDown = false;
            var posts = await press.GetAsync($"/api/incidents/{incidentId}/channel-posts");
            foreach (var post in posts.EnumerateArray().Where(p => p.GetProperty("channel").GetString() == Partner))
                await press.PostAsync($"/api/incidents/{incidentId}/channel-posts/{post.GetProperty("id").GetString()}/retry", new { note = "Partner is back." });

            await Expect(status.Locator(".badge")).ToHaveAttributeAsync("data-delivery", "complete", new() { Timeout = 30_000 });
            await Expect(status.Locator(".badge.statement-published")).ToHaveTextAsync("Published");
            await Expect(status.Locator("[data-testid='failing-posts']")).ToHaveCountAsync(0);

            press.PageErrors.Should().BeEmpty();
        }
        finally
        {
            app.SaveOutput("publishing-truth-app");
        }
    }

    private sealed class PartnerState
    {
        public volatile bool IsDown = true;
    }

    private static async Task<string?> RevisionAsync(UserSession session, string incidentId)
    {
        var response = await session.Context.APIRequest.GetAsync($"/api/incidents/{incidentId}");
        response.Ok.Should().BeTrue();
        return response.Headers.GetValueOrDefault("etag");
    }
}
