namespace CrisisCenter.E2E.Browser;

/// <summary>Debian's chromium (apt-get install chromium); Playwright's own browser download cannot work offline.</summary>
public static class ChromiumLocation
{
    public const string Executable = "/usr/bin/chromium";

    /// <summary>Why browser tests cannot run here, or null when they can.</summary>
    public static string? MissingReason =>
        File.Exists(Executable) ? null : $"{Executable} is not installed (apt-get install -y chromium); the browser tests need it.";

    public static IReadOnlyList<string> Arguments { get; } =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];
}
