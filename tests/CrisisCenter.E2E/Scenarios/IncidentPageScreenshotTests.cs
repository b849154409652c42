using CrisisCenter.E2E.Browser;
using CrisisCenter.E2E.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrisisCenter.E2E.Scenarios;

/// <summary>
/// The incident page as a press officer sees it a while into an incident (the picture docs/screenshots/incident-page.png
/// shows): situation updates, a published statement with its deliveries per channel and language, a statement in
/// review, an assessed rumour, the KPI strip, the time slider and the report links. Every panel is checked to be
/// there and laid out inside the page before the picture is taken.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class IncidentPageScreenshotTests(DashboardFixture fixture)
{
    [SkippableFact]
    public async Task The_incident_page_of_a_running_incident_shows_every_panel_inside_the_page()
    {
        fixture.SkipUnlessBrowserAvailable();
        await using var press = await fixture.SignInAsync(TestUser.PressOfficer);
        await using var approver = await fixture.SignInAsync(TestUser.Approver);

        var incidentId = await IncidentSetup.DeclareAsync(press, "Сел қаупі: Кіші Алматы өзені",
            description: "Heavy rain and snowmelt raised the Malaya Almatinka; mudflow risk below the Medeu dam. Residents of the foothill districts are being warned.");
        await press.PostAsync($"/api/incidents/{incidentId}/updates", new
        {
            text = "Кіші Алматы өзенінде су деңгейі 40 см көтерілді; Медеу бөгетінің төменгі жағындағы 120 тұрғын уақытша эвакуацияланды.",
            language = "kk", source = "ТЖД Алматы қаласы бойынша", regionCode = "KZ-75", verified = true,
        });
        await press.PostAsync($"/api/incidents/{incidentId}/updates", new
        {
            text = "Горельник и Медеу: дороги закрыты для частного транспорта до 20:00, работают посты полиции.",
            language = "ru", source = "Акимат города Алматы", regionCode = "KZ-75", verified = false,
        });

        var holding = await IncidentSetup.DraftAsync(press, incidentId, new Dictionary<string, object>
        {
            ["kk"] = IncidentSetup.Text("Алматы: сел қаупі туралы ескерту", "Өзен арналарына жақындамаңыз, ресми арналарды қадағалаңыз.", "Қауіп төнсе, 112 нөміріне қоңырау шалыңыз."),
            ["ru"] = IncidentSetup.Text("Алматы: предупреждение об угрозе селя", "Не приближайтесь к руслам рек, следите за официальными каналами.", "При опасности звоните 112."),
        });
        await IncidentSetup.SubmitAsync(press, incidentId, holding, 1);
        var hash = (await press.GetAsync($"/api/incidents/{incidentId}/statements/{holding}")).GetProperty("revisions")[0].GetProperty("contentHash").GetString()!;
        await approver.PostAsync($"/api/incidents/{incidentId}/statements/{holding}/approve", new { revision = 1, contentHash = hash });
        await press.PostAsync($"/api/incidents/{incidentId}/statements/{holding}/publish", new { revision = 1, contentHash = hash, channels = new[] { "website", "cap" } });

        var update = await IncidentSetup.DraftAsync(press, incidentId, new Dictionary<string, object>
        {
            ["kk"] = IncidentSetup.Text("Медеу: эвакуация жалғасуда", "Уақытша орналастыру пункті №25 мектепте ашылды."),
            ["ru"] = IncidentSetup.Text("Медеу: эвакуация продолжается", "Пункт временного размещения открыт в школе №25."),
        }, kind: "Update");
        await IncidentSetup.SubmitAsync(press, incidentId, update, 1);

        var rumor = (await press.PostAsync($"/api/incidents/{incidentId}/rumors", new
        {
            claim = "Медеу бөгеті жарылды, қала су астында қалады.", whereSeen = "WhatsApp топтары", link = (string?)null,
            firstSeenAt = DateTimeOffset.UtcNow.AddMinutes(-25), estimatedReach = 15000,
        })).GetProperty("id").GetString()!;
        await press.PostAsync($"/api/incidents/{incidentId}/rumors/{rumor}/assess", new { verdict = "False", evidence = "Бөгет бүтін: ТЖМ инженерлерінің тексеруі, 14:20." });

        await press.Page.GotoAsync($"/#/incidents/{incidentId}");
        await press.ExpectLiveAsync();
        var page = press.Page;
        var publication = page.Locator("[data-testid='publication']");
        foreach (var channel in new[] { "website", "cap" })
        foreach (var language in new[] { "kk", "ru" })
            await Expect(publication.Locator($".post-cell[data-channel='{channel}'][data-language='{language}']")).ToHaveAttributeAsync("data-status", "Delivered", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid='statements'] li[data-status='Published']")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid='statements'] li[data-status='InReview']")).ToHaveCountAsync(1);
        await Expect(page.Locator("[data-testid='point-in-time']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid='report-links']")).ToBeVisibleAsync();

        // Nothing sticks out of the page or of its panel (a wide table, a long word, a slider wider than its column).
        var overflowing = await page.EvaluateAsync<string[]>("""
            () => {
              const width = document.documentElement.clientWidth;
              const out = [];
              for (const el of document.querySelectorAll('main *')) {
                const r = el.getBoundingClientRect();
                if (r.width === 0 || getComputedStyle(el).position === 'fixed') continue;
                if (r.right > width + 1 || r.left < -1) out.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(r.left)}..${Math.round(r.right)} of ${width})`);
              }
              for (const panel of document.querySelectorAll('main .panel')) {
                if (panel.scrollWidth > panel.clientWidth + 1) out.push(`panel ${panel.className} scrolls sideways (${panel.scrollWidth} > ${panel.clientWidth})`);
              }
              return out;
            }
            """);
        overflowing.Should().BeEmpty();
        (await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")).Should().BeTrue("the page never scrolls sideways");

        await fixture.Screenshots.TakeAsync(page, "incident-page");
        press.PageErrors.Should().BeEmpty();
    }
}
