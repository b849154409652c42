using CrisisCenter.E2E.Browser;
using CrisisCenter.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace CrisisCenter.E2E.Scenarios;

/// <summary>Text people write (statements, updates, rumours) is shown as text everywhere; markup in it runs nothing.</summary>
[Collection(DashboardCollection.Name)]
public sealed class UserTextIsNeverMarkupTests(DashboardFixture fixture)
{
    private const string ScriptPayload = "<script>window.__pwned='script';alert('script ran')</script>";
    private const string ImagePayload = "<img src=x onerror=\"window.__pwned='img';alert('img ran')\">";

    [SkippableFact]
    public async Task Statement_update_and_rumour_with_script_and_img_payloads_show_the_literal_text_and_run_nothing()
    {
        fixture.SkipUnlessBrowserAvailable();
        await using var press = await fixture.SignInAsync(TestUser.HealthPressOfficer);
        await using var approver = await fixture.SignInAsync(TestUser.HealthApprover);
        var incidentId = await IncidentSetup.DeclareAsync(press, "Payload " + ImagePayload, leadAgency: "MOH", visibility: "Restricted", description: ScriptPayload);
        var statementId = await IncidentSetup.DraftAsync(press, incidentId, new
        {
            kk = IncidentSetup.Text(ScriptPayload, ImagePayload, ScriptPayload),
            ru = IncidentSetup.Text(ImagePayload, ScriptPayload),
        });
        await IncidentSetup.SubmitAsync(press, incidentId, statementId, 1);
        await press.PostAsync($"/api/incidents/{incidentId}/updates", new { text = ImagePayload, language = "ru", source = ScriptPayload, regionCode = "KZ-75", verified = false });
        await press.PostAsync($"/api/incidents/{incidentId}/rumors", new { claim = ScriptPayload, whereSeen = ImagePayload, link = "https://example.org/?q=<script>", firstSeenAt = DateTimeOffset.UtcNow.AddMinutes(-5), estimatedReach = 10 });

        // The approver reads the exact text: the payloads appear literally.
        await approver.Page.Locator("[data-nav='approvals']").ClickAsync();
        var card = approver.Page.Locator($"article.approval-card[data-statement-id='{statementId}']");
        await Expect(card.Locator(".revision-language[data-language='kk'] .revision-headline")).ToHaveTextAsync(ScriptPayload);
        await Expect(card.Locator(".revision-language[data-language='kk'] .revision-body")).ToHaveTextAsync(ImagePayload);
        await Expect(card.Locator(".revision-language[data-language='ru'] .revision-body")).ToHaveTextAsync(ScriptPayload);

        // The incident page (timeline, updates, statements) and the rumour ledger show them as text too.
        await press.Page.GotoAsync($"/#/incidents/{incidentId}");
        await Expect(press.Page.Locator("h1")).ToContainTextAsync(ImagePayload);
        await Expect(press.Page.Locator(".incident-description")).ToHaveTextAsync(ScriptPayload);
        await Expect(press.Page.Locator("[data-testid='situation-updates'] .update-text")).ToHaveTextAsync(ImagePayload);
        await Expect(press.Page.Locator("li[data-type='statement.drafted.v1'] .tl-quote")).ToHaveTextAsync(ScriptPayload);
        await Expect(press.Page.Locator("li[data-type='situation_update.logged.v1'] .tl-quote")).ToHaveTextAsync(ImagePayload);
        await press.Page.GotoAsync($"/#/incidents/{incidentId}/rumors");
        await Expect(press.Page.Locator("[data-testid='rumor-ledger'] .rumor-claim")).ToHaveTextAsync(ScriptPayload);
        await Expect(press.Page.Locator("[data-testid='rumor-ledger'] .rumor dd").Nth(0)).ToHaveTextAsync(ImagePayload);
        await press.Page.GotoAsync($"/#/incidents/{incidentId}/statements/{statementId}");
        await Expect(press.Page.Locator(".language-panel[data-language='kk'] input")).ToHaveValueAsync(ScriptPayload);

        foreach (var session in new[] { press, approver })
        {
            // Nothing ran: no dialog, no global set by a payload, no element made from user text.
            session.Dialogs.Should().BeEmpty();
            (await session.Page.EvaluateAsync<string?>("() => window.__pwned ?? null")).Should().BeNull();
            (await session.Page.Locator("main img, main script").CountAsync()).Should().Be(0);
            session.PageErrors.Should().BeEmpty();
        }
    }
}
