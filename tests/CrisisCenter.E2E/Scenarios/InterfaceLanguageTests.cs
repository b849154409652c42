using CrisisCenter.E2E.Browser;
using CrisisCenter.E2E.Hosting;
using static Microsoft.Playwright.Assertions;

namespace CrisisCenter.E2E.Scenarios;

/// <summary>Every interface string follows the kk / ru / en switch, on the sign-in page and after signing in.</summary>
[Collection(DashboardCollection.Name)]
public sealed class InterfaceLanguageTests(DashboardFixture fixture)
{
    [SkippableFact]
    public async Task Sign_in_page_speaks_the_chosen_language()
    {
        fixture.SkipUnlessBrowserAvailable();
        await using var visitor = await fixture.OpenAsync("kk");
        var heading = visitor.Page.Locator("h1");
        var submit = visitor.Page.Locator("form.sign-in-form button[type='submit']");

        await Expect(heading).ToHaveTextAsync("Жүйеге кіру");
        await Expect(visitor.Page.GetByLabel("Құпиясөз")).ToBeVisibleAsync();
        await fixture.Screenshots.TakeAsync(visitor.Page, "sign-in");

        await visitor.SwitchLanguageAsync("ru");
        await Expect(heading).ToHaveTextAsync("Вход в систему");
        await Expect(submit).ToHaveTextAsync("Войти");
        await Expect(visitor.Page.GetByLabel("Пароль")).ToBeVisibleAsync();

        await visitor.SwitchLanguageAsync("en");
        await Expect(heading).ToHaveTextAsync("Sign in");
        await Expect(visitor.Page.GetByLabel("Password")).ToBeVisibleAsync();
        visitor.PageErrors.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Switching_to_Kazakh_after_sign_in_leaves_no_English_interface_text_and_keeps_the_form_input()
    {
        fixture.SkipUnlessBrowserAvailable();
        await using var press = await fixture.SignInAsync(TestUser.PressOfficer);
        await IncidentSetup.DeclareAsync(press, "Өрт қаупі: Іле Алатауы");
        await press.Page.ReloadAsync();
        await Expect(press.Page.Locator("h1")).ToHaveTextAsync("Incident board");
        await press.Page.Locator("[data-action='open-declare']").ClickAsync();
        var title = press.Page.Locator("form.declare-form").GetByLabel("Title");
        await title.FillAsync("Су басу қаупі: Үржар ауданы");

        await press.SwitchLanguageAsync("kk");

        await Expect(press.Page.Locator("h1")).ToHaveTextAsync("Оқиғалар тақтасы");
        await Expect(press.Page.Locator("[data-nav='board']")).ToHaveTextAsync("Оқиғалар");
        await Expect(press.Page.Locator("[data-action='sign-out']")).ToHaveTextAsync("Шығу");
        await Expect(press.Page.Locator("thead")).ToContainTextAsync("Соңғы әрекет");
        await Expect(press.Page.Locator("form.declare-form").GetByLabel("Атауы")).ToHaveValueAsync("Су басу қаупі: Үржар ауданы");
        var text = await press.Page.Locator("body").InnerTextAsync();
        foreach (var english in new[] { "Incident board", "Last activity", "Sign out", "Search", "Severity", "Declare incident", "Lead agency", "Press officer", "Title" })
            text.Should().NotContain(english, "every interface string has a Kazakh text");
        await fixture.Screenshots.TakeAsync(press.Page, "board-kk");

        await press.SwitchLanguageAsync("ru");
        await Expect(press.Page.Locator("h1")).ToHaveTextAsync("Доска инцидентов");
        await Expect(press.Page.Locator("thead")).ToContainTextAsync("Последняя активность");
        (await press.Page.Locator("select.time-zone").InputValueAsync()).Should().Be("Asia/Almaty");
        press.PageErrors.Should().BeEmpty();
    }
}
