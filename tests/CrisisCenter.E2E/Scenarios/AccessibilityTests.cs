using CrisisCenter.E2E.Browser;
using CrisisCenter.E2E.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrisisCenter.E2E.Scenarios;

/// <summary>Labels on every control, keyboard use, visible focus, and screens that fit a tablet.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AccessibilityTests(DashboardFixture fixture)
{
    // Every form control must have an accessible name: a <label for>, aria-label or aria-labelledby.
    private const string UnlabelledControls = """
        () => [...document.querySelectorAll('input, select, textarea')]
          .filter(c => c.type !== 'hidden')
          .filter(c => c.labels.length === 0 && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby'))
          .map(c => c.outerHTML.slice(0, 120))
        """;

    private const string SidewaysOverflow = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth";

    [SkippableFact]
    public async Task Signing_in_works_from_the_keyboard_alone_and_the_focused_control_shows_a_focus_ring()
    {
        fixture.SkipUnlessBrowserAvailable();
        await using var visitor = await fixture.OpenAsync("en");
        var userName = visitor.Page.Locator("input[name='userName']");
        await userName.FocusAsync();
        await visitor.Page.Keyboard.TypeAsync(TestUser.Approver.UserName);
        await visitor.Page.Keyboard.PressAsync("Tab");
        await visitor.Page.Keyboard.TypeAsync(TestUser.Password);
        await visitor.Page.Keyboard.PressAsync("Tab");
        var outline = await visitor.Page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle + ' ' + document.activeElement.textContent");
        outline.Should().Be("solid Sign in", "the focused submit button shows the focus ring");
        await visitor.Page.Keyboard.PressAsync("Enter");
        await Expect(visitor.Page.Locator("h1")).ToHaveTextAsync("Incident board");
    }

    [SkippableFact]
    public async Task Every_control_on_the_main_screens_has_a_label_and_language_tabs_follow_the_arrow_keys()
    {
        fixture.SkipUnlessBrowserAvailable();
        await using var press = await fixture.SignInAsync(TestUser.PressOfficer);
        var incidentId = await IncidentSetup.DeclareAsync(press, "Жер сілкінісі: Алматы");

        await press.Page.Locator("[data-action='open-declare']").ClickAsync();
        await Expect(press.Page.Locator("form.declare-form")).ToBeVisibleAsync();
        (await press.Page.EvaluateAsync<string[]>(UnlabelledControls)).Should().BeEmpty("board with the declare form");

        foreach (var route in new[] { $"/#/incidents/{incidentId}", $"/#/incidents/{incidentId}/rumors", $"/#/incidents/{incidentId}/statements/new" })
        {
            await press.Page.GotoAsync(route);
            await Expect(press.Page.Locator("main [aria-busy='true']")).ToHaveCountAsync(0);
            (await press.Page.EvaluateAsync<string[]>(UnlabelledControls)).Should().BeEmpty(route);
        }

        var kazakhTab = press.Page.Locator("button[data-tab='kk']");
        await kazakhTab.FocusAsync();
        await press.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(press.Page.Locator("button[data-tab='ru']")).ToBeFocusedAsync();
        await Expect(press.Page.Locator("button[data-tab='ru']")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(press.Page.Locator(".language-panel[data-language='ru']")).ToBeVisibleAsync();
        await Expect(press.Page.Locator(".language-panel[data-language='kk']")).ToBeHiddenAsync();
    }

    [SkippableFact]
    public async Task Board_incident_page_and_approvals_fit_a_tablet_width_without_sideways_scrolling()
    {
        fixture.SkipUnlessBrowserAvailable();
        await using var press = await fixture.SignInAsync(TestUser.PressOfficer, width: 768);
        await using var approver = await fixture.SignInAsync(TestUser.Approver, width: 768);
        var incidentId = await IncidentSetup.DeclareAsync(press, "Өрт: Медеу шатқалы");
        await press.PostAsync($"/api/incidents/{incidentId}/updates", new
        {
            text = "Өрт сөндірушілер оқиға орнында, жол жабық.", language = "kk", source = "ТЖМ", regionCode = "KZ-75", verified = true,
        });

        await press.Page.ReloadAsync();
        await Expect(press.Page.Locator("[data-testid='board'] tbody tr").First).ToBeVisibleAsync();
        (await press.Page.EvaluateAsync<int>(SidewaysOverflow)).Should().BeLessThanOrEqualTo(0, "the board fits 768px");

        await press.Page.GotoAsync($"/#/incidents/{incidentId}");
        await Expect(press.Page.Locator("[data-testid='timeline'] li").First).ToBeVisibleAsync();
        (await press.Page.EvaluateAsync<int>(SidewaysOverflow)).Should().BeLessThanOrEqualTo(0, "the incident page fits 768px");
        await fixture.Screenshots.TakeAsync(press.Page, "incident-page-tablet");

        await approver.Page.Locator("[data-nav='approvals']").ClickAsync();
        await Expect(approver.Page.Locator("h1")).ToHaveTextAsync("Approvals queue");
        (await approver.Page.EvaluateAsync<int>(SidewaysOverflow)).Should().BeLessThanOrEqualTo(0, "the approvals queue fits 768px");
    }
}
