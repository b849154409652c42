using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using CrisisCenter.Application.Accounts;
using CrisisCenter.Testing.OpenId;
using CrisisCenter.Web.Auth;
using CrisisCenter.Web.Tests.Api.Http;
using CrisisCenter.Web.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Web.Tests.Security.Oidc;

/// <summary>The real app configured for single sign-on against <see cref="LoopbackOpenIdProvider"/>.</summary>
public sealed class SsoApp : IAsyncLifetime
{
    public LoopbackOpenIdProvider Provider { get; private set; } = null!;
    public CrisisCenterApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Provider = await LoopbackOpenIdProvider.StartAsync();
        App = await CrisisCenterApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Authentication:OpenIdConnect:Authority"] = Provider.Issuer,
            ["Authentication:OpenIdConnect:ClientId"] = LoopbackOpenIdProvider.ClientId,
            ["Authentication:OpenIdConnect:ClientSecret"] = LoopbackOpenIdProvider.ClientSecret,
            ["Authentication:OpenIdConnect:RequireHttpsMetadata"] = "false",
            ["Authentication:OpenIdConnect:AgencyClaim"] = "org_code",
            ["Authentication:OpenIdConnect:RolesClaim"] = "groups",
            ["Authentication:OpenIdConnect:RoleMap:crisis-approvers"] = "Approver",
            ["Authentication:OpenIdConnect:RoleMap:crisis-press"] = "PressOfficer",
            ["Authentication:OpenIdConnect:AgencyMap:emergencies"] = "MES",
            ["RateLimits:SignInsPerMinute"] = "1000",
        });
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>The full authorization code flow, driven hop by hop like a browser: mapped agency and roles reach
/// /api/auth/me; a token from the wrong issuer or with the wrong signature is refused; disabling ends the session.</summary>
public sealed class OidcSignInTests(SsoApp sso) : IClassFixture<SsoApp>
{
    private static Dictionary<string, object> Person(string subject, string agency = "emergencies", params string[] groups) => new()
    {
        ["sub"] = subject,
        ["preferred_username"] = "sso." + subject,
        ["name"] = "Aigerim " + subject,
        ["org_code"] = agency,
        ["groups"] = groups.Length > 0 ? groups : new[] { "crisis-approvers", "crisis-press", "staff-everyone" },
    };

    [Fact(Timeout = TestTimeouts.WithAppStarts)]
    public async Task a_provider_sign_in_maps_agency_and_roles_into_a_directory_account_and_our_cookie()
    {
        using var browser = new SsoBrowser(sso.App.BaseAddress);
        var subject = "s-" + Guid.NewGuid().ToString("N")[..10];
        var providers = await browser.Http.GetFromJsonAsync<OidcSignIn.Providers>("/api/auth/providers");
        providers!.Sso.Should().BeTrue();

        var landed = await SignInAsync(browser, Person(subject));

        landed.PathAndQuery.Should().Be("/");
        browser.Hops.Should().Contain(h => h.Authority == new Uri(sso.Provider.Issuer).Authority && h.AbsolutePath == "/authorize");
        browser.Hops.Should().Contain(h => h.AbsolutePath == "/signin-oidc");
        var me = await browser.Http.GetFromJsonAsync<AuthApi.Me>("/api/auth/me");
        me!.AgencyCode.Should().Be("MES", "'emergencies' maps to MES");
        me.Roles.Should().Equal("Approver", "PressOfficer");
        me.UserName.Should().Be("sso." + subject);
        me.DisplayName.Should().Be("Aigerim " + subject);

        var stored = new List<string>();
        await foreach (var e in sso.App.Store.ReadStreamAsync(AccountDirectory.Stream)) stored.Add(e.Type);
        stored.Should().Contain(["account.registered.v1", "account.external_login_linked.v1"]);

        // The second sign-in finds the same account, and a changed role claim is recorded.
        using var again = new SsoBrowser(sso.App.BaseAddress);
        await SignInAsync(again, Person(subject, "emergencies", "crisis-press"));
        var meAgain = await again.Http.GetFromJsonAsync<AuthApi.Me>("/api/auth/me");
        meAgain!.UserId.Should().Be(me.UserId);
        meAgain.Roles.Should().Equal("PressOfficer");
        (await browser.Http.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the earlier session held the old roles");
    }

    [Fact(Timeout = TestTimeouts.WithAppStarts)]
    public async Task disabling_an_sso_user_ends_their_session_and_refuses_their_next_sign_in()
    {
        using var browser = new SsoBrowser(sso.App.BaseAddress);
        var subject = "s-" + Guid.NewGuid().ToString("N")[..10];
        await SignInAsync(browser, Person(subject));
        var me = await browser.Http.GetFromJsonAsync<AuthApi.Me>("/api/auth/me");

        await sso.App.Services.GetRequiredService<AccountDirectory>().DisableAsync(me!.UserId, "Left the ministry.", "test-admin");

        (await browser.Http.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var later = new SsoBrowser(sso.App.BaseAddress);
        (await SignInAsync(later, Person(subject))).PathAndQuery.Should().Be(OidcSignIn.FailedRedirectFor(SsoRefusal.Disabled));
        (await later.Http.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact(Timeout = TestTimeouts.WithAppStarts)]
    public async Task an_id_token_from_another_issuer_is_refused()
    {
        await RefusedAsync(provider => provider.IssuerInToken = "http://127.0.0.1:1/not-the-provider");
    }

    [Fact(Timeout = TestTimeouts.WithAppStarts)]
    public async Task an_id_token_signed_with_a_key_the_provider_did_not_publish_is_refused()
    {
        using var forger = RSA.Create(2048);
        await RefusedAsync(provider => provider.SignWith = forger);
    }

    [Fact(Timeout = TestTimeouts.WithAppStarts)]
    public async Task an_id_token_without_a_known_agency_or_role_is_refused()
    {
        var subject = "s-" + Guid.NewGuid().ToString("N")[..10];
        using (var noAgency = new SsoBrowser(sso.App.BaseAddress))
            (await SignInAsync(noAgency, Person(subject, agency: "ministry-of-nowhere"))).PathAndQuery.Should().Be(OidcSignIn.FailedRedirectFor(SsoRefusal.NoAgency));
        using (var noRole = new SsoBrowser(sso.App.BaseAddress))
            (await SignInAsync(noRole, Person(subject, "emergencies", "staff-everyone"))).PathAndQuery.Should().Be(OidcSignIn.FailedRedirectFor(SsoRefusal.NoRole));
        (await sso.App.Services.GetRequiredService<AccountDirectory>().FindByUserNameAsync("sso." + subject)).Should().BeNull();
    }

    private async Task RefusedAsync(Action<LoopbackOpenIdProvider> lie)
    {
        var subject = "s-" + Guid.NewGuid().ToString("N")[..10];
        using var browser = new SsoBrowser(sso.App.BaseAddress);
        var issued = sso.Provider.TokensIssued;
        lie(sso.Provider);
        Uri landed;
        try
        {
            landed = await SignInAsync(browser, Person(subject));
        }
        finally
        {
            sso.Provider.IssuerInToken = null;
            sso.Provider.SignWith = null;
        }

        sso.Provider.TokensIssued.Should().BeGreaterThan(issued, "the app did fetch a token, and refused it");
        landed.PathAndQuery.Should().Be(OidcSignIn.FailedRedirectFor(SsoRefusal.Failed));
        (await browser.Http.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await sso.App.Services.GetRequiredService<AccountDirectory>().FindByUserNameAsync("sso." + subject)).Should().BeNull();
    }

    private Task<Uri> SignInAsync(SsoBrowser browser, Dictionary<string, object> person)
    {
        sso.Provider.NextClaims = person;
        return browser.NavigateAsync("/api/auth/oidc/login");
    }
}
