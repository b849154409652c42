using CrisisCenter.E2E.Browser;
using CrisisCenter.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace CrisisCenter.E2E.Scenarios;

/// <summary>
/// Actions a user may not take are not offered, and counts follow actions at once: the approver sees work waiting on the
/// Approvals menu and the card's count after approving; an approved statement opens read-only, and editing it takes an
/// explicit, confirmed "start a new revision"; an observer is not offered "Correct" on updates it may not correct.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class RoleAndStateAwareTests(DashboardFixture fixture)
{
    [SkippableFact]
    public async Task Counts_follow_actions_and_an_approved_statement_opens_read_only()
    {
        fixture.SkipUnlessBrowserAvailable();
        await using var press = await fixture.SignInAsync(TestUser.PressOfficer);
        var incidentId = await IncidentSetup.DeclareAsync(press, "Жер сілкінісі: Алматы облысы");
        var statementId = await IncidentSetup.DraftAsync(press, incidentId, new Dictionary<string, object>
        {
            ["kk"] = IncidentSetup.Text("Жер сілкінісі сезілді", "Зақым туралы мәлімет жоқ."),
            ["ru"] = IncidentSetup.Text("Ощущалось землетрясение", "Сведений о повреждениях нет."),
        });
        await IncidentSetup.SubmitAsync(press, incidentId, statementId, 1);

        // The approver lands on the board and sees work waiting on the Approvals menu.
        await using var approver = await fixture.SignInAsync(TestUser.Approver);
        var badge = approver.Page.Locator("[data-nav='approvals'] [data-testid='pending-approvals']");
        await Expect(badge).ToBeVisibleAsync();
        var before = int.Parse(await badge.TextContentAsync() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        before.Should().BeGreaterThan(0);

        await approver.Page.Locator("[data-nav='approvals']").ClickAsync();
        var card = approver.Page.Locator($"article.approval-card[data-statement-id='{statementId}']");
        await Expect(card.Locator("[data-testid='approval-count']")).ToContainTextAsync("0 of 1");
        await approver.Page.RunAndWaitForResponseAsync(
            () => card.Locator("[data-action='approve']").ClickAsync(),
            r => r.Url.EndsWith("/approve") && r.Status == 200);
        await Expect(card.Locator("[data-testid='approval-count']")).ToContainTextAsync("1 of 1 (Marat Ismailov)");
        await Expect(card.Locator("[data-testid='outdated-note']")).ToBeFocusedAsync();
        if (before == 1) await Expect(badge).ToBeHiddenAsync();
        else await Expect(badge).ToHaveTextAsync((before - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The author opens the approved statement: read-only, with an explicit way to a new revision.
        await press.Page.GotoAsync($"/#/incidents/{incidentId}/statements/{statementId}");
        var editor = press.Page.Locator("[data-testid='statement-editor']");
        var locked = editor.Locator("[data-testid='approved-locked']");
        await Expect(locked).ToBeVisibleAsync();
        await Expect(editor.Locator("input[lang='kk']")).ToHaveAttributeAsync("readonly", "");
        await Expect(editor.Locator("[data-action='save-statement']")).ToBeDisabledAsync();
        var start = locked.Locator("[data-action='start-revision']");
        await Expect(start).ToHaveTextAsync("Start a new revision (voids 1 approvals)");
        await start.ClickAsync();
        await locked.Locator("[data-action='confirm-start-revision']").ClickAsync();
        await Expect(locked).ToBeHiddenAsync();
        await Expect(editor.Locator("input[lang='kk']")).Not.ToHaveAttributeAsync("readonly", "");
        await Expect(editor.Locator("[data-action='save-statement']")).ToBeEnabledAsync();
        press.Dialogs.Should().BeEmpty("the confirmation is on the page, not a browser dialog");

        // An observer follows the incident but is not offered "Correct" on an update outside its region.
        await press.PostAsync($"/api/incidents/{incidentId}/updates", new
        {
            text = "Толчки магнитудой 4,1; пострадавших нет.", language = "ru", source = "Сейсмологическая служба", regionCode = (string?)null, verified = true,
        });
        await using var observer = await fixture.SignInAsync(TestUser.AkimatObserver);
        await observer.Page.GotoAsync($"/#/incidents/{incidentId}");
        await Expect(observer.Page.Locator("[data-testid='situation-updates'] .update")).ToHaveCountAsync(1);
        await Expect(observer.Page.Locator("[data-testid='situation-updates'] button")).ToHaveCountAsync(0);

        // The press officer is offered it, named for the update it corrects.
        await press.Page.GotoAsync($"/#/incidents/{incidentId}");
        await Expect(press.Page.Locator("[data-testid='situation-updates'] button")).ToHaveAttributeAsync("aria-label", "Correct: Толчки магнитудой 4,1; пострадавших нет.");

        approver.PageErrors.Should().BeEmpty();
        press.PageErrors.Should().BeEmpty();
        observer.PageErrors.Should().BeEmpty();
    }
}
