using CrisisCenter.E2E.Browser;
using CrisisCenter.E2E.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrisisCenter.E2E.Scenarios;

/// <summary>
/// The dashboard on a phone (360, 390 and 430 px) in Kazakh, Russian and English: no screen scrolls sideways, the
/// board shows every incident as a card with the facts the wide table has, and "Log update" is one tap from the top
/// of an incident. Screenshots at 390 px of the board, an incident, the log-update form and the approvals queue.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class PhoneWidthTests(DashboardFixture fixture)
{
    private static readonly int[] Widths = [360, 390, 430];
    private static readonly string[] Languages = ["kk", "ru", "en"];

    // Lists the widest elements that stick out past the viewport, so a failure says what to fix.
    private const string OverflowScript = """
        () => {
          const root = document.documentElement;
          const width = root.clientWidth;
          const culprits = [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > width + 0.5 && e.getClientRects().length)
            .filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > width + 0.5))
            .slice(0, 5)
            .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} right=${Math.round(e.getBoundingClientRect().right)}`);
          return { scrollWidth: root.scrollWidth, clientWidth: width, culprits };
        }
        """;

    [SkippableFact]
    public async Task No_screen_scrolls_sideways_on_a_phone_in_any_language()
    {
        fixture.SkipUnlessBrowserAvailable();
        var (incidentId, statementId) = await PrepareIncidentAsync();
        var screens = new (string Name, string Route, string Ready)[]
        {
            ("board", "/#/board", "[data-testid='board']"),
            ("incident", $"/#/incidents/{incidentId}", "[data-testid='log-update']"),
            ("rumours", $"/#/incidents/{incidentId}/rumors", ".screen.rumors:not([aria-busy])"),
            ("statement", $"/#/incidents/{incidentId}/statements/{statementId}", "[data-testid='statement-status']"),
            ("new-statement", $"/#/incidents/{incidentId}/statements/new", "[data-testid='statement-editor']"),
            ("kpis", "/#/kpis", ".screen.kpis .kpi-report"),
        };
        var problems = new List<string>();
        foreach (var width in Widths)
        {
            await using var press = await fixture.OpenAsync("en", width, 800);
            await press.SignInAsync(TestUser.PressOfficer);
            await using var approver = await fixture.OpenAsync("en", width, 800);
            await approver.SignInAsync(TestUser.Approver);
            foreach (var language in Languages)
            {
                await press.SwitchLanguageAsync(language);
                await approver.SwitchLanguageAsync(language);
                foreach (var (name, route, ready) in screens)
                    await CheckAsync(press.Page, $"{name} {language} {width}px", route, ready, problems);
                await CheckAsync(approver.Page, $"approvals {language} {width}px", "/#/approvals", "article.approval-card", problems);
                await CheckAsync(approver.Page, $"incident-audit {language} {width}px", $"/#/incidents/{incidentId}/audit", "[data-testid='audit'] tbody tr", problems);
            }
            press.PageErrors.Should().BeEmpty();
        }

        // Signed out: the sign-in page too.
        foreach (var width in Widths)
        {
            await using var visitor = await fixture.OpenAsync("kk", width, 800);
            foreach (var language in Languages)
            {
                await visitor.SwitchLanguageAsync(language);
                await CheckAsync(visitor.Page, $"sign-in {language} {width}px", null, "form.sign-in-form", problems);
            }
        }

        problems.Should().BeEmpty("no screen may scroll sideways on a phone");
    }

    [SkippableFact]
    public async Task On_a_phone_the_board_shows_cards_and_log_update_is_one_tap_from_the_top_of_an_incident()
    {
        fixture.SkipUnlessBrowserAvailable();
        var (incidentId, _) = await PrepareIncidentAsync();
        await using var press = await fixture.OpenAsync("ru", 390, 844);
        await press.SignInAsync(TestUser.PressOfficer);

        // The board: a card per incident with the facts of the wide table (regions, lead agency, approvals, rumours).
        await press.Page.GotoAsync("/#/board");
        var card = press.Page.Locator($"[data-testid='board'] tr[data-incident-id='{incidentId}']");
        await Expect(card).ToBeVisibleAsync();
        foreach (var field in new[] { "regions", "agency", "awaiting", "rumors", "updated" })
            await Expect(card.Locator($"[data-field='{field}']")).ToBeVisibleAsync();
        await Expect(card.Locator("[data-field='regions']")).ToContainTextAsync("Алматы");
        await fixture.Screenshots.TakeAsync(press.Page, "phone-board");

        // The incident: "Log update" is in the first screenful, and one tap puts the cursor in the form.
        await press.Page.GotoAsync($"/#/incidents/{incidentId}");
        var logUpdate = press.Page.Locator("[data-action='go-log-update']");
        await Expect(logUpdate).ToBeVisibleAsync();
        var box = (await logUpdate.BoundingBoxAsync())!;
        box.Y.Should().BeLessThan(844 - box.Height, "the button is reachable without scrolling");
        box.Height.Should().BeGreaterThanOrEqualTo(24);
        await press.Page.EvaluateAsync("() => document.getAnimations().forEach(a => a.finish())");
        await fixture.Screenshots.TakeViewportAsync(press.Page, "phone-incident");
        await logUpdate.ClickAsync();
        var text = press.Page.Locator("[data-testid='log-update'] textarea");
        await Expect(text).ToBeFocusedAsync();
        await Expect(text).ToBeInViewportAsync();
        await fixture.Screenshots.TakeViewportAsync(press.Page, "phone-log-update");

        // The approvals queue of an approver, on the same phone.
        await using var approver = await fixture.OpenAsync("ru", 390, 844);
        await approver.SignInAsync(TestUser.Approver);
        await approver.Page.GotoAsync("/#/approvals");
        await Expect(approver.Page.Locator("article.approval-card").First).ToBeVisibleAsync();
        await fixture.Screenshots.TakeAsync(approver.Page, "phone-approvals");

        // Tap targets: every link and button on the incident page is at least 24 × 24 px.
        await press.Page.GotoAsync($"/#/incidents/{incidentId}");
        await Expect(press.Page.Locator("[data-testid='log-update']")).ToBeVisibleAsync();
        var small = await press.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('a[href], button, input[type=checkbox], select')]
              .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
              .filter(e => { const r = e.getBoundingClientRect(); return r.width < 24 || r.height < 24; })
              .filter(e => !e.closest('.tl-text, .update-text, p, li.statement-item span'))
              .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.textContent || '').trim().slice(0, 30)}" ${Math.round(e.getBoundingClientRect().width)}x${Math.round(e.getBoundingClientRect().height)}`)
            """);
        small.Should().BeEmpty("tap targets are at least 24 × 24 px");
        press.PageErrors.Should().BeEmpty();
    }

    private async Task<(string IncidentId, string StatementId)> PrepareIncidentAsync()
    {
        await using var press = await fixture.SignInAsync(TestUser.PressOfficer);
        await using var approver = await fixture.SignInAsync(TestUser.Approver);
        var incidentId = await IncidentSetup.DeclareAsync(press, "Су тасқыны қаупі: Іле өзенінің төменгі ағысы, Балқаш ауданы және көршілес елді мекендер",
            description: "Өзен деңгейі көтерілуде; Балқаш ауданындағы жағалау ауылдарының тұрғындары эвакуацияға дайын болуы тиіс.");
        await press.PostAsync($"/api/incidents/{incidentId}/updates", new
        {
            text = "Уровень воды у гидропоста Капшагай поднялся на 35 см за ночь; дамба у посёлка Баканас под наблюдением круглосуточно.",
            language = "ru", source = "Казгидромет, гидропост Капшагай", regionCode = "KZ-75", verified = true,
        });
        var published = await IncidentSetup.DraftAsync(press, incidentId, new Dictionary<string, object>
        {
            ["kk"] = IncidentSetup.Text("Іле өзенінде су деңгейі көтерілді: жағалау ауылдарының тұрғындарына ескерту", "Жағалаудан алыс болыңыз және ресми хабарламаларды қадағалаңыз."),
            ["ru"] = IncidentSetup.Text("Уровень воды в реке Или поднялся: предупреждение жителям прибрежных сёл", "Держитесь подальше от берега и следите за официальными сообщениями."),
        });
        await IncidentSetup.SubmitAsync(press, incidentId, published, 1);
        var hash = (await press.GetAsync($"/api/incidents/{incidentId}/statements/{published}")).GetProperty("revisions")[0].GetProperty("contentHash").GetString()!;
        await approver.PostAsync($"/api/incidents/{incidentId}/statements/{published}/approve", new { revision = 1, contentHash = hash });
        await press.PostAsync($"/api/incidents/{incidentId}/statements/{published}/publish", new { revision = 1, contentHash = hash, channels = new[] { "website", "cap" } });
        await press.PostAsync($"/api/incidents/{incidentId}/rumors", new
        {
            claim = "Дамба у Баканаса прорвана, вода идёт к посёлку", whereSeen = "WhatsApp", link = (string?)null,
            firstSeenAt = DateTimeOffset.UtcNow.AddMinutes(-30), estimatedReach = 45000,
        });
        // One statement waiting for the approver, so the approvals queue has a card.
        var waiting = await IncidentSetup.DraftAsync(press, incidentId, new Dictionary<string, object>
        {
            ["kk"] = IncidentSetup.Text("Бақанас бөгеті бүтін: қауесет расталмады", "Бөгет тәулік бойы бақылауда."),
            ["ru"] = IncidentSetup.Text("Дамба у Баканаса цела: слух не подтвердился", "Дамба под круглосуточным наблюдением."),
        }, kind: "Update");
        await IncidentSetup.SubmitAsync(press, incidentId, waiting, 1);
        return (incidentId, published);
    }

    private static async Task CheckAsync(IPage page, string what, string? route, string ready, List<string> problems)
    {
        if (route is not null)
        {
            await page.GotoAsync(route);
            await page.Locator(ready).First.WaitForAsync();
            await page.Locator("main [aria-busy='true']").WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 15_000 });
        }
        else await page.Locator(ready).First.WaitForAsync();
        var measured = await page.EvaluateAsync<Measured>(OverflowScript);
        if (measured.ScrollWidth > measured.ClientWidth)
            problems.Add($"{what}: scrollWidth {measured.ScrollWidth} > {measured.ClientWidth} ({string.Join("; ", measured.Culprits)})");
    }

    private sealed class Measured
    {
        public int ScrollWidth { get; set; }
        public int ClientWidth { get; set; }
        public string[] Culprits { get; set; } = [];
    }
}
