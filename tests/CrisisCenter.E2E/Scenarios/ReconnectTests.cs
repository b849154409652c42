using CrisisCenter.E2E.Browser;
using CrisisCenter.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace CrisisCenter.E2E.Scenarios;

/// <summary>
/// The browser's side of resuming: an observer whose web node goes away is told the timeline is no longer live, and
/// when the node is back the page rejoins from the last position it showed and gets exactly what it missed. Two
/// nodes share one store: the press officer keeps writing through the other node while the observer's is down.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ReconnectTests(DashboardFixture fixture)
{
    [SkippableFact]
    public async Task A_timeline_that_lost_its_node_is_shown_as_not_live_and_after_reconnecting_shows_each_missed_entry_once()
    {
        fixture.SkipUnlessBrowserAvailable();
        var observerNode = await RunningApp.StartAsync(fixture.App!.Node.Sibling(), ownsData: false);
        try
        {
            await using var press = await fixture.SignInAsync(TestUser.PressOfficer);
            var incidentId = await IncidentSetup.DeclareAsync(press, "Су тасқыны: Есентай өзені");
            await using var observer = await fixture.SignInAsync(TestUser.AkimatObserver, node: observerNode);
            await observer.Page.GotoAsync($"/#/incidents/{incidentId}");
            await observer.ExpectLiveAsync();
            await observer.Page.EvaluateAsync("() => { window.__sameDocument = 'kept'; }");

            observerNode.SaveOutput("second-node-before-stop");
            await observerNode.DisposeAsync();
            await Expect(observer.Page.Locator(".timeline-panel .feed-status")).Not.ToHaveAttributeAsync("data-feed-state", "live", new() { Timeout = 10_000 });
            await Expect(observer.Page.Locator(".timeline-panel")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("stale"));
            await Expect(observer.Page.Locator(".connection")).Not.ToHaveAttributeAsync("data-connection", "live");

            string[] missed = ["Есентай өзенінің деңгейі 40 см көтерілді.", "Әл-Фараби даңғылындағы көпір жабылды.", "Тұрғындарға құм қаптары таратылуда."];
            foreach (var text in missed)
                await press.PostAsync($"/api/incidents/{incidentId}/updates", new { text, language = "kk", source = "ТЖМ", regionCode = "KZ-75", verified = true });

            observerNode = await RunningApp.StartAsync(observerNode.Node, ownsData: false);
            await observer.ExpectLiveAsync(timeoutMs: 40_000);
            var updates = observer.Page.Locator("[data-testid='timeline'] li[data-type='situation_update.logged.v1'] .tl-quote");
            await Expect(updates).ToHaveCountAsync(3);
            // Newest first, each once, in the order they were logged.
            (await updates.AllInnerTextsAsync()).Should().Equal(missed.Reverse());
            (await observer.Page.EvaluateAsync<string>("() => window.__sameDocument")).Should().Be("kept");

            // And it is live again: the next entry arrives without any reload.
            await press.PostAsync($"/api/incidents/{incidentId}/updates", new { text = "Су деңгейі тұрақтанды.", language = "kk", source = "ТЖМ", regionCode = "KZ-75", verified = true });
            await Expect(updates).ToHaveCountAsync(4, new() { Timeout = 2000 });
        }
        finally
        {
            observerNode.SaveOutput("second-node");
            await observerNode.DisposeAsync();
        }
    }
}
