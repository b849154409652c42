using System.Globalization;
using System.Web;
using CrisisCenter.E2E.Browser;
using CrisisCenter.E2E.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrisisCenter.E2E.Scenarios;

/// <summary>
/// A press officer's browser set to New York and en-US (a laptop bought abroad, a visitor's machine) still shows and
/// reads dates the office's way: dd.MM.yyyy on the office's clock (CrisisCenter:TimeZone, Asia/Almaty by default),
/// with the zone written next to every date field. What the API is asked for is the office-zone instant typed, which
/// the browser's own zone would have moved by 9 or 10 hours.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class OfficeTimeZoneTests(DashboardFixture fixture)
{
    private static readonly TimeZoneInfo Almaty = TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty");

    [SkippableFact]
    public async Task Dates_typed_in_a_new_york_en_us_browser_are_office_time_and_the_query_names_that_instant()
    {
        fixture.SkipUnlessBrowserAvailable();
        await using var press = await fixture.OpenAsync("en", locale: "en-US", timeZoneId: "America/New_York");
        await press.SignInAsync(TestUser.PressOfficer);
        var page = press.Page;
        (await page.EvaluateAsync<string>("() => Intl.DateTimeFormat().resolvedOptions().timeZone")).Should().Be("America/New_York", "the browser's own zone is not the office's");

        // The KPI period: whole days on the office's clock. 1 March is before New York's DST change, 15 March after it.
        await page.Locator("[data-nav='kpis']").ClickAsync();
        var from = page.Locator("[data-testid='kpis-from']");
        var to = page.Locator("[data-testid='kpis-to']");
        var officeToday = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Almaty);
        await Expect(to).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(
            $"^({officeToday:dd\\.MM\\.yyyy}|{officeToday.AddMinutes(-2):dd\\.MM\\.yyyy})$"), new() { Timeout = 10_000 });
        await Expect(page.Locator("label[for='" + await from.GetAttributeAsync("id") + "']")).ToContainTextAsync("dd.mm.yyyy, Asia/Almaty, UTC+05:00");

        await from.FillAsync("01.03.2026");
        await to.FillAsync("15.03.2026");
        var request = await page.RunAndWaitForRequestAsync(
            () => page.Locator("[data-testid='kpi-filter'] button[type='submit']").ClickAsync(),
            r => r.Url.Contains("/api/kpis?", StringComparison.Ordinal));
        var query = HttpUtility.ParseQueryString(new Uri(request.Url).Query);
        Instant(query["from"]).Should().Be(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(5)), "00:00 on 01.03.2026 in Almaty");
        Instant(query["to"]).Should().Be(new DateTimeOffset(2026, 3, 16, 0, 0, 0, TimeSpan.FromHours(5)), "the period ends where the day after 15.03.2026 starts in Almaty");
        await Expect(page.Locator(".kpi-report")).ToBeVisibleAsync();

        // Not a date: said next to the field, and nothing is asked of the server.
        var asked = 0;
        page.Request += (_, r) => { if (r.Url.Contains("/api/kpis?", StringComparison.Ordinal)) Interlocked.Increment(ref asked); };
        await from.FillAsync("31.02.2026");
        await page.Locator("[data-testid='kpi-filter'] button[type='submit']").ClickAsync();
        await Expect(page.Locator("[data-testid='kpi-filter'] .field-error:not([hidden])")).ToHaveTextAsync("Enter the date as dd.mm.yyyy.");
        asked.Should().Be(0);

        // The user audit's period (it used to be read on the browser's clock: 09:00 would have been 14:00 UTC here).
        await page.GotoAsync("/#/audit/users");
        var audit = page.Locator("[data-testid='user-audit']");
        await audit.Locator("[data-testid='audit-from']").FillAsync("01.03.2026 09:00");
        var auditRequest = await page.RunAndWaitForRequestAsync(
            () => audit.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync(),
            r => r.Url.Contains("/audit?", StringComparison.Ordinal) && r.Url.Contains("from=", StringComparison.Ordinal));
        Instant(HttpUtility.ParseQueryString(new Uri(auditRequest.Url).Query)["from"]).Should().Be(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(5)));

        // The time slider's exact field: typed to the second on the office's clock, sent as that instant.
        var incidentId = await IncidentSetup.DeclareAsync(press, "Жер сілкінісі: уақыт белдеуі сынағы");
        var declaredAt = (await press.GetAsync($"/api/incidents/{incidentId}")).GetProperty("declaredAt").GetDateTimeOffset();
        await page.GotoAsync($"/#/incidents/{incidentId}");
        var panel = page.Locator("[data-testid='point-in-time']");
        var exact = panel.Locator("[data-testid='time-exact']");
        await Expect(exact).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$"));
        await Expect(panel.Locator("label[for='" + await exact.GetAttributeAsync("id") + "']")).ToContainTextAsync("Asia/Almaty, UTC+05:00");
        var moment = WholeSecondAfter(declaredAt);
        while (DateTimeOffset.UtcNow < moment.AddSeconds(1)) await Task.Delay(100); // a moment in the past, not "now"
        var typed = TimeZoneInfo.ConvertTime(moment, Almaty).ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture);
        await exact.FillAsync(typed);
        var asOf = await page.RunAndWaitForRequestAsync(
            () => exact.PressAsync("Enter"),
            r => r.Url.Contains("/as-of?", StringComparison.Ordinal));
        Instant(HttpUtility.ParseQueryString(new Uri(asOf.Url).Query)["at"]).Should().Be(moment, $"{typed} in Almaty");
        await Expect(panel).ToHaveAttributeAsync("data-mode", "as-of");
        await Expect(panel.Locator("[data-testid='as-of-mode']")).ToHaveTextAsync($"As of {typed} (Asia/Almaty, UTC+05:00)");
        // Shown times are the office's too, whatever the browser's zone (the declaration time on the slider's left end).
        await Expect(panel.Locator(".time-ends time").First).ToHaveTextAsync(TimeZoneInfo.ConvertTime(WholeSecondAfter(declaredAt), Almaty).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture));

        press.PageErrors.Should().BeEmpty();
    }

    private static DateTimeOffset Instant(string? iso) =>
        DateTimeOffset.Parse(iso ?? throw new InvalidOperationException("The query has no such parameter."), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>The first whole second at or after <paramref name="moment"/> (the slider names whole seconds, rounded up
    /// from the declaration, so the incident exists at that moment).</summary>
    private static DateTimeOffset WholeSecondAfter(DateTimeOffset moment)
    {
        var ticks = moment.UtcTicks % TimeSpan.TicksPerSecond == 0 ? moment.UtcTicks : moment.UtcTicks - (moment.UtcTicks % TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond;
        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }
}
