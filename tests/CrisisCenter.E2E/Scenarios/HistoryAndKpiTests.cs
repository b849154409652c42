using System.Globalization;
using System.Text.Json;
using CrisisCenter.E2E.Browser;
using CrisisCenter.E2E.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrisisCenter.E2E.Scenarios;

/// <summary>
/// Looking back: the time slider on the incident page shows what was public at a moment (replayed by the server from
/// the incident's events), the KPI screen charts an agency's measures and lists the same numbers the API gives, and
/// the after-action report opens as a printable page. All under the server's strict Content-Security-Policy.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class HistoryAndKpiTests(DashboardFixture fixture)
{
    private const string OriginalHeadline = "Медеу бөгеті: 120 тұрғын эвакуацияланды";
    private const string CorrectedHeadline = "Медеу бөгеті: 80 тұрғын эвакуацияланды";
    private static readonly TimeZoneInfo Almaty = TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty");

    [SkippableFact]
    public async Task The_slider_shows_the_statement_before_its_correction_nothing_before_publication_and_returns_to_live()
    {
        fixture.SkipUnlessBrowserAvailable();
        await using var press = await fixture.SignInAsync(TestUser.PressOfficer);
        await using var approver = await fixture.SignInAsync(TestUser.Approver);
        var violations = WatchPolicyViolations(press.Page);

        var incidentId = await IncidentSetup.DeclareAsync(press, "Сел қаупі: Медеу бөгеті (тарих)");
        // Distinct whole seconds between the steps, so a moment "between" them can be named on the slider.
        await Task.Delay(1100);
        var original = await PublishAsync(press, approver, incidentId, "Holding", OriginalHeadline, referencesStatementId: null);
        await Task.Delay(1100);
        var correction = await PublishAsync(press, approver, incidentId, "Correction", CorrectedHeadline, referencesStatementId: original);
        var correctedAt = (await press.GetAsync($"/api/incidents/{incidentId}/statements/{correction}")).GetProperty("publishedAt").GetDateTimeOffset();

        await press.Page.GotoAsync($"/#/incidents/{incidentId}");
        var panel = press.Page.Locator("[data-testid='point-in-time']");
        await Expect(panel).ToHaveAttributeAsync("data-mode", "live");
        await Expect(panel.Locator("[data-testid='as-of-mode']")).ToHaveTextAsync("Now (live)");
        await Expect(panel.Locator("[data-action='back-to-live']")).ToBeHiddenAsync();

        // Just before the correction went out: the original, revision 1, still Published, and no correction.
        var beforeCorrection = WholeSecondBefore(correctedAt);
        await panel.Locator("[data-testid='time-exact']").FillAsync(AlmatyWallTime(beforeCorrection));
        await panel.Locator("[data-testid='time-exact']").PressAsync("Enter");
        await Expect(panel).ToHaveAttributeAsync("data-mode", "as-of");
        await Expect(press.Page.Locator("section.screen.incident")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("as-of-mode"));
        var statements = panel.Locator("[data-testid='as-of-statement']");
        await Expect(statements).ToHaveCountAsync(1);
        await Expect(statements.First).ToHaveAttributeAsync("data-statement-id", original);
        await Expect(statements.First).ToHaveAttributeAsync("data-revision", "1");
        await Expect(statements.First).ToHaveAttributeAsync("data-status", "Published");
        await Expect(statements.First.Locator(".revision-headline")).ToHaveTextAsync(OriginalHeadline);
        await Expect(panel.Locator(".as-of-posts tbody tr")).ToHaveCountAsync(2, new() { Timeout = 10_000 }); // kk and ru on the website
        await Expect(panel.Locator("[data-testid='as-of-mode']")).ToContainTextAsync("As of");
        await fixture.Screenshots.TakeAsync(press.Page, "incident-as-of");

        // The second the correction went out: the original is Corrected and the correction is public too.
        var afterCorrection = WholeSecondBefore(correctedAt).AddSeconds(1);
        while (DateTimeOffset.UtcNow < afterCorrection.AddSeconds(1)) await Task.Delay(100); // a moment in the past, not "now"
        await panel.Locator("[data-testid='time-exact']").FillAsync(AlmatyWallTime(afterCorrection));
        await panel.Locator("[data-testid='time-exact']").PressAsync("Enter");
        await Expect(statements).ToHaveCountAsync(2);
        await Expect(panel.Locator($"[data-statement-id='{original}']")).ToHaveAttributeAsync("data-status", "Corrected");
        await Expect(panel.Locator($"[data-statement-id='{correction}'] .revision-headline")).ToHaveTextAsync(CorrectedHeadline);

        // The keyboard: Home is the declaration, before anything was published.
        var range = panel.Locator("[data-testid='time-range']");
        await range.FocusAsync();
        await press.Page.Keyboard.PressAsync("Home");
        await Expect(panel.Locator("[data-testid='as-of-no-statements']")).ToBeVisibleAsync();
        await Expect(statements).ToHaveCountAsync(0);
        await Expect(panel.Locator(".as-of-record")).ToHaveAttributeAsync("data-status", "Active");

        // End is now (live); one step left from there is the latest event, a past moment again.
        await press.Page.Keyboard.PressAsync("End");
        await Expect(panel).ToHaveAttributeAsync("data-mode", "live");
        await press.Page.Keyboard.PressAsync("ArrowLeft");
        await Expect(panel).ToHaveAttributeAsync("data-mode", "as-of");
        await Expect(statements).ToHaveCountAsync(2);

        // Back to live: the historical view goes away and the page is live again.
        await panel.Locator("[data-action='back-to-live']").ClickAsync();
        await Expect(panel).ToHaveAttributeAsync("data-mode", "live");
        await Expect(panel.Locator(".as-of-record")).ToHaveCountAsync(0);
        await Expect(press.Page.Locator("section.screen.incident")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("as-of-mode"));
        await press.ExpectLiveAsync();

        // The after-action report: linked from the incident page and printable.
        var reportLink = press.Page.Locator("[data-testid='report-links'] a[data-report='html']");
        (await reportLink.GetAttributeAsync("href")).Should().Be($"/api/incidents/{incidentId}/report.html");
        (await press.Page.Locator("[data-testid='report-links'] a[data-report='csv']").GetAttributeAsync("href")).Should().Be($"/api/incidents/{incidentId}/report.csv");
        (await press.Page.Locator("[data-testid='report-links'] a[data-report='json']").GetAttributeAsync("href")).Should().Be($"/api/incidents/{incidentId}/report.json");
        var report = await press.Context.RunAndWaitForPageAsync(() => reportLink.ClickAsync());
        await report.WaitForLoadStateAsync(LoadState.Load);
        await Expect(report.Locator("h1")).ToContainTextAsync("Медеу бөгеті");
        await Expect(report.Locator("body")).ToContainTextAsync(CorrectedHeadline);
        await fixture.Screenshots.TakeAsync(report, "after-action-report");
        await report.CloseAsync();

        violations.Should().BeEmpty();
        press.PageErrors.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task The_kpi_screen_draws_charts_and_lists_the_numbers_the_api_gives()
    {
        fixture.SkipUnlessBrowserAvailable();
        await using var press = await fixture.SignInAsync(TestUser.PressOfficer);
        await using var approver = await fixture.SignInAsync(TestUser.Approver);
        var violations = WatchPolicyViolations(press.Page);
        var incidentId = await IncidentSetup.DeclareAsync(press, "Су тасқыны: Іле өзені (көрсеткіштер)");
        var first = await PublishAsync(press, approver, incidentId, "Holding", "Іле өзені: су деңгейі көтерілуде", referencesStatementId: null);
        await PublishAsync(press, approver, incidentId, "Correction", "Іле өзені: су деңгейі тұрақты", referencesStatementId: first);

        // The incident page has its own small chart of the timings.
        await press.Page.GotoAsync($"/#/incidents/{incidentId}");
        await Expect(press.Page.Locator("[data-kpi='corrections'] .kpi-value")).ToHaveTextAsync("1");
        await ExpectDrawnAsync(press.Page, "[data-testid='incident-kpi-chart']", MedianBlue, barPixels: 300);

        var answer = await press.Page.RunAndWaitForResponseAsync(
            () => press.Page.Locator("[data-nav='kpis']").ClickAsync(),
            r => r.Url.Contains("/api/kpis") && r.Status == 200);
        var kpis = JsonDocument.Parse(await answer.TextAsync()).RootElement;
        await Expect(press.Page.Locator("main h1")).ToHaveTextAsync("Agency KPIs");
        kpis.GetProperty("agency").GetString().Should().Be("MES");
        kpis.GetProperty("incidents").EnumerateArray().Select(i => i.GetString()).Should().Contain(incidentId);
        kpis.GetProperty("correctionsPublished").GetInt32().Should().BeGreaterThanOrEqualTo(1);

        var report = press.Page.Locator(".kpi-report");
        await Expect(report).ToHaveAttributeAsync("data-incidents", kpis.GetProperty("incidents").GetArrayLength().ToString(CultureInfo.InvariantCulture));
        var timings = press.Page.Locator("[data-testid='kpi-timings']");
        foreach (var (row, property) in new[] { ("first-statement", "timeToFirstPublicStatement"), ("approval-turnaround", "approvalTurnaround"), ("rumor-rebuttal", "rumorLoggedToRebutted") })
        {
            var stats = kpis.GetProperty(property);
            await Expect(timings.Locator($"tr[data-kpi='{row}'] td[data-field='count']")).ToHaveTextAsync(stats.GetProperty("count").GetInt32().ToString(CultureInfo.InvariantCulture));
            await Expect(timings.Locator($"tr[data-kpi='{row}'] td[data-field='median']")).ToHaveAttributeAsync("data-timespan", TimeSpanText(stats.GetProperty("median")));
            await Expect(timings.Locator($"tr[data-kpi='{row}'] td[data-field='p90']")).ToHaveAttributeAsync("data-timespan", TimeSpanText(stats.GetProperty("p90")));
        }
        foreach (var (row, property) in new[] { ("published", "publishedStatements"), ("corrections", "correctionsPublished"), ("retractions", "retractionsPublished"), ("rumors-logged", "rumorsLogged") })
            await Expect(timings.Locator($"tr[data-kpi='{row}'] td[data-field='count']")).ToHaveTextAsync(kpis.GetProperty(property).GetInt32().ToString(CultureInfo.InvariantCulture));

        var channels = kpis.GetProperty("channels");
        channels.EnumerateArray().Select(c => c.GetProperty("channel").GetString()).Should().Contain("website");
        foreach (var channel in channels.EnumerateArray())
        {
            var row = press.Page.Locator($"[data-testid='kpi-channels'] tr[data-channel='{channel.GetProperty("channel").GetString()}']");
            await Expect(row.Locator("td[data-field='posts']")).ToHaveTextAsync(channel.GetProperty("posts").GetInt32().ToString(CultureInfo.InvariantCulture));
            await Expect(row.Locator("td[data-field='delivered']")).ToHaveTextAsync(channel.GetProperty("delivered").GetInt32().ToString(CultureInfo.InvariantCulture));
            await Expect(row.Locator("td[data-field='failedAttempts']")).ToHaveTextAsync(channel.GetProperty("failedAttempts").GetInt32().ToString(CultureInfo.InvariantCulture));
            await Expect(row.Locator("td[data-field='latencyMedian']")).ToHaveAttributeAsync("data-timespan", TimeSpanText(channel.GetProperty("deliveryLatency").GetProperty("median")));
        }

        await ExpectDrawnAsync(press.Page, "[data-testid='chart-timings']", MedianBlue);
        await ExpectDrawnAsync(press.Page, "[data-testid='chart-statements']", CountGreen);
        await ExpectDrawnAsync(press.Page, "[data-testid='chart-latency']");
        await fixture.Screenshots.TakeAsync(press.Page, "kpis");

        violations.Should().BeEmpty();
        press.PageErrors.Should().BeEmpty();
    }

    /// <summary>Drafts, submits, approves (as the other user) and publishes a statement on the website; returns its id.</summary>
    private static async Task<string> PublishAsync(UserSession press, UserSession approver, string incidentId, string kind, string headline, string? referencesStatementId)
    {
        var content = new Dictionary<string, object>
        {
            ["kk"] = IncidentSetup.Text(headline, "ТЖМ хабарлайды: жағдай бақылауда, ресми арналарды қадағалаңыз."),
            ["ru"] = IncidentSetup.Text(headline + " (ru)", "МЧС сообщает: ситуация под контролем, следите за официальными каналами."),
        };
        var accepted = await press.PostAsync($"/api/incidents/{incidentId}/statements", new { kind, content, referencesStatementId });
        var statementId = accepted.GetProperty("id").GetString()!;
        await IncidentSetup.SubmitAsync(press, incidentId, statementId, 1);
        var hash = (await press.GetAsync($"/api/incidents/{incidentId}/statements/{statementId}")).GetProperty("revisions")[0].GetProperty("contentHash").GetString()!;
        await approver.PostAsync($"/api/incidents/{incidentId}/statements/{statementId}/approve", new { revision = 1, contentHash = hash });
        await press.PostAsync($"/api/incidents/{incidentId}/statements/{statementId}/publish", new { revision = 1, contentHash = hash, channels = new[] { "website" } });
        return statementId;
    }

    /// <summary>The last whole second strictly before <paramref name="moment"/> (the slider names whole seconds).</summary>
    private static DateTimeOffset WholeSecondBefore(DateTimeOffset moment)
    {
        var justBefore = moment.AddMilliseconds(-1);
        return new DateTimeOffset(justBefore.UtcTicks - (justBefore.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    private static string AlmatyWallTime(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, Almaty).ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The TimeSpan the API wrote, as the table keeps it in data-timespan ("" for none).</summary>
    private static string TimeSpanText(JsonElement value) => value.ValueKind == JsonValueKind.Null ? "" : value.GetString()!;

    private const string MedianBlue = "11,92,173";
    private const string CountGreen = "15,107,58";

    /// <summary>Chart.js drew on the canvas: axes and labels, and (given a colour "r,g,b") bars of that colour - more
    /// pixels of it than the legend's swatch (at most 40 x 12) has.</summary>
    private static async Task ExpectDrawnAsync(IPage page, string selector, string? barColour = null, int barPixels = 1000)
    {
        var canvas = page.Locator($"canvas{selector}");
        await Expect(canvas).ToBeVisibleAsync();
        const string count = """
            (c, colour) => {
              const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              const [r, g, b] = colour ? colour.split(',').map(Number) : [0, 0, 0];
              let painted = 0, bars = 0;
              for (let i = 0; i < d.length; i += 4) {
                if (d[i + 3] > 0) painted++;
                if (colour && d[i + 3] > 200 && Math.abs(d[i] - r) < 8 && Math.abs(d[i + 1] - g) < 8 && Math.abs(d[i + 2] - b) < 8) bars++;
              }
              return [painted, bars];
            }
            """;
        int[] found = [0, 0];
        for (var attempt = 0; attempt < 50; attempt++)
        {
            found = await canvas.EvaluateAsync<int[]>(count, barColour);
            if (found[0] >= 500 && (barColour is null || found[1] >= barPixels)) break;
            await Task.Delay(100);
        }
        found[0].Should().BeGreaterThanOrEqualTo(500, $"{selector} should show a chart");
        if (barColour is not null) found[1].Should().BeGreaterThanOrEqualTo(barPixels, $"{selector} should have bars in rgb({barColour})");
    }

    private static List<string> WatchPolicyViolations(IPage page)
    {
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) lock (violations) violations.Add(message.Text);
        };
        return violations;
    }
}
