using CrisisCenter.E2E.Browser;
using CrisisCenter.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace CrisisCenter.E2E.Scenarios;

[Collection(DashboardCollection.Name)]
public sealed class RumourLedgerTests(DashboardFixture fixture)
{
    [SkippableFact]
    public async Task A_rumour_is_logged_assessed_and_answered_by_a_rebuttal_and_live_updates_never_wipe_a_half_filled_form()
    {
        fixture.SkipUnlessBrowserAvailable();
        await using var press = await fixture.SignInAsync(TestUser.PressOfficer);
        var incidentId = await IncidentSetup.DeclareAsync(press, "Сел қаупі: Медеу бөгеті");
        await press.PostAsync($"/api/incidents/{incidentId}/updates", new
        {
            text = "Медеу ауданында 120 тұрғын уақытша эвакуацияланды.", language = "kk", source = "Алматы қаласының әкімдігі", regionCode = "KZ-75", verified = true,
        });

        await press.Page.GotoAsync($"/#/incidents/{incidentId}/rumors");
        var form = press.Page.Locator("[data-testid='log-rumor']");
        await form.GetByLabel("Claim").FillAsync("Медеу бөгеті жарылды, бүгін түнде қаланы су басады.");
        await form.GetByLabel("Where seen").FillAsync("Telegram, WhatsApp groups");
        await form.GetByLabel("Link").FillAsync("https://t.me/example/123");
        await form.GetByLabel("Estimated reach").FillAsync("45000");
        await form.Locator("button[type='submit']").ClickAsync();

        var logged = press.Page.Locator("[data-testid='rumor-ledger'] li.rumor").First;
        await Expect(logged.Locator(".rumor-claim")).ToHaveTextAsync("Медеу бөгеті жарылды, бүгін түнде қаланы су басады.");
        var rumour = press.Page.Locator($"li.rumor[data-rumor-id='{await logged.GetAttributeAsync("data-rumor-id")}']");
        await Expect(rumour.Locator("a[href='https://t.me/example/123']")).ToBeVisibleAsync();

        var assess = rumour.Locator("form.assess-form");
        await assess.GetByLabel("Verdict").SelectOptionAsync("False");
        const string evidence = "ТЖМ инженерлері бөгетті 14:00-де тексерді: зақым жоқ.";
        await assess.GetByLabel("Evidence").FillAsync(evidence);

        // Someone else logs another rumour meanwhile: the ledger updates live and the half-filled form survives.
        await press.PostAsync($"/api/incidents/{incidentId}/rumors", new
        {
            claim = "Алматыда ауыз су уланған.", whereSeen = "Instagram", link = (string?)null, firstSeenAt = DateTimeOffset.UtcNow.AddMinutes(-20), estimatedReach = 3000,
        });
        await Expect(press.Page.Locator("[data-testid='rumor-ledger'] li.rumor")).ToHaveCountAsync(2);
        await Expect(assess.GetByLabel("Evidence")).ToHaveValueAsync(evidence);
        await Expect(assess.GetByLabel("Verdict")).ToHaveValueAsync("False");

        await assess.Locator("button[type='submit']").ClickAsync();
        await Expect(rumour.Locator(".verdict-false")).ToBeVisibleAsync();
        await fixture.Screenshots.TakeAsync(press.Page, "rumour-ledger");

        await rumour.Locator("[data-action='draft-rebuttal']").ClickAsync();
        var editor = press.Page.Locator("[data-testid='statement-editor']");
        (await editor.GetByLabel("Kind").InputValueAsync()).Should().Be("Rebuttal");
        var kk = editor.Locator(".language-panel[data-language='kk']");
        await kk.GetByLabel("Headline").FillAsync("Медеу бөгеті бүтін");
        await kk.GetByLabel("Body").FillAsync("Бөгет жарылды деген ақпарат жалған. ТЖМ инженерлері бөгетті тексерді.");
        await editor.Locator("button[data-tab='ru']").ClickAsync();
        var ru = editor.Locator(".language-panel[data-language='ru']");
        await ru.GetByLabel("Headline").FillAsync("Плотина Медеу цела");
        await ru.GetByLabel("Body").FillAsync("Информация о прорыве плотины ложная. Инженеры МЧС осмотрели плотину.");
        await editor.Locator("[data-action='save-statement']").ClickAsync();
        await Expect(press.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/statements/[0-9a-f-]{36}$"));

        await press.Page.Locator("nav.incident-nav a", new() { HasText = "Rumour ledger" }).ClickAsync();
        await Expect(rumour.Locator("a.rebuttal-link")).ToContainTextAsync("Медеу бөгеті бүтін");
        press.PageErrors.Should().BeEmpty();
    }
}
