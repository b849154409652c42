using System.Text.Json;
using System.Text.RegularExpressions;
using CrisisCenter.E2E.Hosting;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CrisisCenter.E2E.Browser;

/// <summary>One person at one browser: their context (cookies), their page, and everything the page did that a
/// test must notice (dialogs, uncaught errors, console errors).</summary>
public sealed partial class UserSession(IBrowserContext context, IPage page, RunningApp app) : IAsyncDisposable
{
    private readonly List<string> _dialogs = [];
    private readonly List<string> _pageErrors = [];
    private readonly List<string> _consoleErrors = [];
    private bool _watching;

    public IBrowserContext Context { get; } = context;
    public IPage Page { get; } = page;
    public RunningApp App { get; } = app;

    /// <summary>Dialogs (alert/confirm/prompt) the page opened; the dashboard never opens any.</summary>
    public IReadOnlyList<string> Dialogs => _dialogs;
    public IReadOnlyList<string> PageErrors => _pageErrors;
    public IReadOnlyList<string> ConsoleErrors => _consoleErrors;

    private void Watch()
    {
        if (_watching) return;
        _watching = true;
        Page.Dialog += async (_, dialog) =>
        {
            lock (_dialogs) _dialogs.Add($"{dialog.Type}: {dialog.Message}");
            await dialog.DismissAsync();
        };
        Page.PageError += (_, error) => { lock (_pageErrors) _pageErrors.Add(error); };
        Page.Console += (_, message) =>
        {
            if (message.Type == "error") lock (_consoleErrors) _consoleErrors.Add(message.Text);
        };
    }

    public async Task OpenSignInAsync(string interfaceLanguage)
    {
        Watch();
        await Page.GotoAsync("/");
        await Expect(Page.Locator("form.sign-in-form")).ToBeVisibleAsync();
        await SwitchLanguageAsync(interfaceLanguage);
    }

    public async Task SwitchLanguageAsync(string language)
    {
        await Page.Locator($"button[data-language='{language}']").ClickAsync();
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", language);
    }

    public async Task SignInAsync(TestUser user)
    {
        await Page.Locator("form.sign-in-form input[name='userName']").FillAsync(user.UserName);
        await Page.Locator("form.sign-in-form input[name='password']").FillAsync(TestUser.Password);
        await Page.Locator("form.sign-in-form button[type='submit']").ClickAsync();
        await Expect(Page.Locator("[data-testid='board']")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(Page.Locator(".user-name")).ToHaveTextAsync(user.DisplayName);
    }

    /// <summary>Waits until the screen's live feed says it is live (joined on a connected hub).</summary>
    public Task ExpectLiveAsync(float timeoutMs = 10_000) =>
        Expect(Page.Locator(".feed-status").First).ToHaveAttributeAsync("data-feed-state", "live", new() { Timeout = timeoutMs });

    /// <summary>Sends an API command with this user's sign-in cookie (setup steps that are not what a test checks).</summary>
    public async Task<JsonElement> PostAsync(string path, object body)
    {
        var response = await Context.APIRequest.PostAsync(path, new APIRequestContextOptions
        {
            DataObject = body,
            Headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() },
        });
        var text = await response.TextAsync();
        if (!response.Ok) throw new InvalidOperationException($"POST {path} answered {response.Status}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        var response = await Context.APIRequest.GetAsync(path);
        var text = await response.TextAsync();
        if (!response.Ok) throw new InvalidOperationException($"GET {path} answered {response.Status}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The id in the page's route, e.g. the statement id of #/incidents/{id}/statements/{sid}.</summary>
    public string RouteId(int index)
    {
        var matches = GuidPattern().Matches(new Uri(Page.Url).Fragment);
        return matches[index].Value;
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
