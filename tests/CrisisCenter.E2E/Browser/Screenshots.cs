using CrisisCenter.E2E.Hosting;
using Microsoft.Playwright;

namespace CrisisCenter.E2E.Browser;

/// <summary>
/// Screenshots of the main screens: always saved as test artefacts under TestResults/e2e-screenshots; with
/// CRISISCENTER_UPDATE_SCREENSHOTS=1 also into docs/screenshots (the set the README shows).
/// </summary>
public sealed class Screenshots
{
    public string ArtefactDirectory { get; } = Path.Combine(BuildLocations.RepositoryRoot, "TestResults", "e2e-screenshots");

    private static bool UpdateDocs => Environment.GetEnvironmentVariable("CRISISCENTER_UPDATE_SCREENSHOTS") == "1";

    public Task TakeAsync(IPage page, string name) => TakeAsync(page, name, fullPage: true);

    /// <summary>What the screen shows without scrolling (a phone's screenful), not the whole page.</summary>
    public Task TakeViewportAsync(IPage page, string name) => TakeAsync(page, name, fullPage: false);

    private async Task TakeAsync(IPage page, string name, bool fullPage)
    {
        Directory.CreateDirectory(ArtefactDirectory);
        var path = Path.Combine(ArtefactDirectory, name + ".png");
        // Let the "new entry" highlight fade so the picture shows the resting state.
        await page.EvaluateAsync("() => document.getAnimations().forEach(a => a.finish())");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        if (UpdateDocs)
        {
            var docs = Path.Combine(BuildLocations.RepositoryRoot, "docs", "screenshots");
            Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, name + ".png"), overwrite: true);
        }
    }
}
