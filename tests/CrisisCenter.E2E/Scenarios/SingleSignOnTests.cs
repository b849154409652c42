using CrisisCenter.E2E.Browser;
using CrisisCenter.E2E.Hosting;
using CrisisCenter.Testing.OpenId;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrisisCenter.E2E.Scenarios;

/// <summary>The app (its own executable, own store) configured for single sign-on against the loopback OpenID
/// provider, which shows a sign-in page the browser fills in. Started only when the browser tests can run.</summary>
public sealed class SsoAppFixture : IAsyncLifetime
{
    public LoopbackOpenIdProvider? Provider { get; private set; }
    public RunningApp? App { get; private set; }

    public async Task InitializeAsync()
    {
        if (ChromiumLocation.MissingReason is not null) return;
        Provider = await LoopbackOpenIdProvider.StartAsync();
        Provider.ShowSignInPage = true;
        var node = AppNode.Create(Directory.CreateTempSubdirectory("crisiscenter-e2e-sso-").FullName) with
        {
            Settings = new Dictionary<string, string>
            {
                ["Authentication__OpenIdConnect__Authority"] = Provider.Issuer,
                ["Authentication__OpenIdConnect__ClientId"] = LoopbackOpenIdProvider.ClientId,
                ["Authentication__OpenIdConnect__ClientSecret"] = LoopbackOpenIdProvider.ClientSecret,
                ["Authentication__OpenIdConnect__RequireHttpsMetadata"] = "false",
                ["Authentication__OpenIdConnect__AgencyClaim"] = "org_code",
                ["Authentication__OpenIdConnect__RolesClaim"] = "groups",
                ["Authentication__OpenIdConnect__RoleMap__crisis-approvers"] = "Approver",
                ["Authentication__OpenIdConnect__RoleMap__crisis-press"] = "PressOfficer",
                ["Authentication__OpenIdConnect__AgencyMap__emergencies"] = "MES",
                ["RateLimits__SignInsPerMinute"] = "1000",
            },
        };
        // No local accounts: everyone here signs in through the provider.
        App = await RunningApp.StartAsync(node, ownsData: true);
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            App.SaveOutput("app-sso");
            await App.DisposeAsync();
        }
        if (Provider is not null) await Provider.DisposeAsync();
    }
}

/// <summary>
/// Single sign-on in a real browser: "Sign in with SSO" on the sign-in screen, the provider's own sign-in page, back
/// through the callback into the dashboard as the account the sign-in provisioned (name, roles and agency in the
/// header), and out again. A person the provider knows but whose groups give no CrisisCenter role lands on the
/// sign-in screen with an explanation, never on an error page.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class SingleSignOnTests(DashboardFixture fixture, SsoAppFixture sso) : IClassFixture<SsoAppFixture>
{
    [SkippableFact]
    public async Task A_provider_user_signs_in_on_the_providers_page_lands_on_the_board_as_their_account_and_signs_out()
    {
        fixture.SkipUnlessBrowserAvailable();
        var userName = "aigerim." + Guid.NewGuid().ToString("N")[..6];
        sso.Provider!.People[userName] = Person(userName, "Aigerim Bekova", "crisis-approvers", "crisis-press", "staff-everyone");
        await using var browser = await fixture.OpenAsync("en", node: sso.App);
        var failures = WatchServerErrors(browser.Page);

        await SignInThroughProviderAsync(browser, userName);

        await Expect(browser.Page.Locator("[data-testid='board']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(browser.Page.Locator(".user-name")).ToHaveTextAsync("Aigerim Bekova");
        await Expect(browser.Page.Locator(".user-meta")).ToHaveTextAsync("Approver, Press officer · Ministry of Emergency Situations");
        var me = await browser.GetAsync("/api/auth/me");
        me.GetProperty("userName").GetString().Should().Be(userName, "the provider's preferred_username names the provisioned account");
        // The dashboard works as that account: a live board, and its navigation offers what the roles allow.
        await browser.ExpectLiveAsync(30_000);
        await Expect(browser.Page.Locator("[data-nav='approvals']")).ToBeVisibleAsync();

        await browser.Page.Locator("[data-action='sign-out']").ClickAsync();
        await Expect(browser.Page.Locator("form.sign-in-form")).ToBeVisibleAsync();
        await Expect(browser.Page.Locator(".user-name")).ToHaveCountAsync(0);
        (await browser.Context.APIRequest.GetAsync("/api/auth/me")).Status.Should().Be(401, "signing out ends the session");
        await browser.Page.ReloadAsync();
        await Expect(browser.Page.Locator("form.sign-in-form")).ToBeVisibleAsync();

        failures.Should().BeEmpty();
        browser.PageErrors.Should().BeEmpty();
        browser.Dialogs.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task A_provider_user_without_a_crisiscenter_group_is_told_why_on_the_sign_in_screen_not_shown_an_error()
    {
        fixture.SkipUnlessBrowserAvailable();
        var userName = "visitor." + Guid.NewGuid().ToString("N")[..6];
        sso.Provider!.People[userName] = Person(userName, "Serik Visitor", "staff-everyone");
        await using var browser = await fixture.OpenAsync("en", node: sso.App);
        var failures = WatchServerErrors(browser.Page);

        await SignInThroughProviderAsync(browser, userName);

        var refused = browser.Page.Locator("[data-testid='sso-refused']");
        await Expect(refused).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(refused).ToHaveAttributeAsync("data-reason", SsoReasonNoRole);
        await Expect(refused).ToContainTextAsync("Sign-in refused");
        await Expect(refused).ToContainTextAsync("none of its groups gives access to CrisisCenter");
        await Expect(browser.Page.Locator("form.sign-in-form")).ToBeVisibleAsync();
        await Expect(browser.Page.Locator("[data-action='sso']")).ToBeVisibleAsync();
        new Uri(browser.Page.Url).PathAndQuery.Should().Be("/?sso=failed&reason=" + SsoReasonNoRole);
        (await browser.Context.APIRequest.GetAsync("/api/auth/me")).Status.Should().Be(401);

        // The explanation follows the interface language like every other text.
        await browser.SwitchLanguageAsync("ru");
        await Expect(refused).ToContainTextAsync("Вход не разрешён");

        failures.Should().BeEmpty();
        browser.PageErrors.Should().BeEmpty();
    }

    private const string SsoReasonNoRole = "no-role";

    private async Task SignInThroughProviderAsync(UserSession browser, string userName)
    {
        var page = browser.Page;
        await page.Locator("[data-action='sso']").ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(sso.Provider!.Issuer + "/authorize", StringComparison.Ordinal));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Loopback identity provider");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(LoopbackOpenIdProvider.PersonPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => url.StartsWith(sso.App!.BaseAddress.ToString(), StringComparison.Ordinal));
    }

    private static Dictionary<string, object> Person(string userName, string name, params string[] groups) => new()
    {
        ["sub"] = "sub-" + userName,
        ["preferred_username"] = userName,
        ["name"] = name,
        ["org_code"] = "emergencies",
        ["groups"] = groups,
    };

    /// <summary>Every 5xx answer the browser got from the app or the provider during the test.</summary>
    private static List<string> WatchServerErrors(IPage page)
    {
        var failures = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 500) lock (failures) failures.Add($"{response.Status} {response.Url}");
        };
        return failures;
    }
}
