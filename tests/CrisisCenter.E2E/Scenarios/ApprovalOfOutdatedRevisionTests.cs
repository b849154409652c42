using CrisisCenter.E2E.Browser;
using CrisisCenter.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace CrisisCenter.E2E.Scenarios;

/// <summary>An approval names the revision and hash the approver read; once the author saves a newer revision,
/// approving the one on screen is refused by the server and the dashboard says so.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ApprovalOfOutdatedRevisionTests(DashboardFixture fixture)
{
    [SkippableFact]
    public async Task Approving_the_revision_on_screen_after_the_author_revised_it_is_refused_and_the_refusal_is_shown()
    {
        fixture.SkipUnlessBrowserAvailable();
        await using var press = await fixture.SignInAsync(TestUser.PressOfficer);
        await using var approver = await fixture.SignInAsync(TestUser.Approver);
        var incidentId = await IncidentSetup.DeclareAsync(press, "Су тасқыны: Қаскелең өзені");
        var statementId = await IncidentSetup.DraftAsync(press, incidentId, new
        {
            kk = IncidentSetup.Text("Қаскелең өзені арнасынан шықты", "Тұрғындар биік жерге көтерілуі керек."),
            ru = IncidentSetup.Text("Река Каскелен вышла из берегов", "Жителям следует подняться на возвышенность."),
        }, kind: "Update");
        await IncidentSetup.SubmitAsync(press, incidentId, statementId, 1);

        await approver.Page.Locator("[data-nav='approvals']").ClickAsync();
        var firstCard = approver.Page.Locator($"article.approval-card[data-statement-id='{statementId}'][data-revision='1']");
        await Expect(firstCard).ToBeVisibleAsync();

        // The author changes the text while it is in review: revision 2, submitted again.
        await press.Page.GotoAsync($"/#/incidents/{incidentId}/statements/{statementId}");
        var body = press.Page.Locator(".language-panel[data-language='kk']").GetByLabel("Body");
        await body.FillAsync("Тұрғындар биік жерге көтерілуі керек. Эвакуация пункті: №12 мектеп.");
        await press.Page.RunAndWaitForResponseAsync(
            () => press.Page.Locator("[data-action='submit-statement']").ClickAsync(),
            r => r.Url.EndsWith("/submit") && r.Status == 200);
        await Expect(press.Page.Locator("[data-testid='revision-history'] li[data-revision='2']")).ToBeVisibleAsync();
        await Expect(press.Page.Locator("[data-testid='revision-diff'] ins")).ToContainTextAsync("Эвакуация пункті");
        await fixture.Screenshots.TakeAsync(press.Page, "statement-history-diff");

        // The approver's screen still shows revision 1; approving it is refused with 409 and the reason is shown.
        var refusal = await approver.Page.RunAndWaitForResponseAsync(
            () => firstCard.Locator("[data-action='approve']").ClickAsync(),
            r => r.Url.EndsWith("/approve"));
        refusal.Status.Should().Be(409);
        var problem = firstCard.Locator("form.approve-form .form-problem[role='alert']");
        await Expect(problem).ToBeVisibleAsync();
        await Expect(problem).ToContainTextAsync("Not possible");
        await Expect(firstCard.Locator("[data-testid='outdated-note']")).ToContainTextAsync("revision 2 was submitted");

        // The new revision has its own card and can be approved.
        var secondCard = approver.Page.Locator($"article.approval-card[data-statement-id='{statementId}'][data-revision='2']");
        await Expect(secondCard).ToBeVisibleAsync();
        await Expect(secondCard.Locator(".revision-language[data-language='kk']")).ToContainTextAsync("Эвакуация пункті");
        await approver.Page.RunAndWaitForResponseAsync(
            () => secondCard.Locator("[data-action='approve']").ClickAsync(),
            r => r.Url.EndsWith("/approve") && r.Status == 200);

        // The author's editor learns of the approval live and offers publishing the approved revision.
        var publish = press.Page.Locator("form.publish-form");
        await Expect(publish).ToBeVisibleAsync();
        await publish.GetByLabel("Official website").CheckAsync(); // only configured channels are offered, none ticked
        await press.Page.RunAndWaitForResponseAsync(
            () => publish.Locator("button[type='submit']").ClickAsync(),
            r => r.Url.EndsWith("/publish") && r.Status == 200);
        await Expect(press.Page.Locator("[data-testid='statement-status'] .badge")).ToHaveTextAsync("Published");
        await Expect(press.Page.Locator("[data-testid='channel-posts'] li")).ToHaveCountAsync(2); // website in kk and ru
        approver.PageErrors.Should().BeEmpty();
        press.PageErrors.Should().BeEmpty();
    }
}
