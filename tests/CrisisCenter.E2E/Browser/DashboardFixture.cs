using CrisisCenter.E2E.Hosting;
using Microsoft.Playwright;

namespace CrisisCenter.E2E.Browser;

/// <summary>
/// One running app and one chromium for the whole collection; every test opens its own browser contexts (separate
/// cookies, so separate users). When chromium is missing nothing starts and every test reports skipped with the reason.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public RunningApp? App { get; private set; }
    public IBrowser? Browser { get; private set; }
    public string? SkipReason { get; private set; }
    public Screenshots Screenshots { get; } = new();

    public async Task InitializeAsync()
    {
        SkipReason = ChromiumLocation.MissingReason;
        if (SkipReason is not null) return;
        // The driver ships in the NuGet package; a browser download is neither wanted nor possible here.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        App = await RunningApp.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumLocation.Executable,
            Args = ChromiumLocation.Arguments,
            Headless = true,
            Timeout = 60_000,
        });
    }

    /// <summary>Call first in every test: skips (with the reason) when the browser is not installed.</summary>
    public void SkipUnlessBrowserAvailable() => Skip.If(SkipReason is not null, SkipReason);

    /// <summary>A fresh browser context (its own cookies and storage) at a laptop or tablet width, on the
    /// collection's app or on another node; by default the browser is in Kazakhstan (ru-KZ, Asia/Almaty), and
    /// <paramref name="locale"/> / <paramref name="timeZoneId"/> put it elsewhere.</summary>
    public async Task<UserSession> OpenAsync(string interfaceLanguage = "en", int width = 1366, int height = 900, RunningApp? node = null,
        string locale = "ru-KZ", string timeZoneId = "Asia/Almaty")
    {
        var app = node ?? App!;
        app.EnsureRunning();
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            TimezoneId = timeZoneId,
        });
        // Waits without an explicit bound (a command's answer, a page load) may meet a cold app on a loaded 2-core
        // machine; the live-delivery bounds the tests assert are explicit and stay at their values.
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var session = new UserSession(context, page, app);
        await session.OpenSignInAsync(interfaceLanguage);
        return session;
    }

    public async Task<UserSession> SignInAsync(TestUser user, string interfaceLanguage = "en", int width = 1366, RunningApp? node = null)
    {
        var session = await OpenAsync(interfaceLanguage, width, node: node);
        await session.SignInAsync(user);
        return session;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (App is not null)
        {
            App.SaveOutput("app");
            await App.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard in chromium";
}
