namespace CrisisCenter.Web.Tests.Hosting;

/// <summary>Upper bounds (milliseconds) so a hung host fails one test instead of stalling the run.</summary>
public static class TestTimeouts
{
    /// <summary>A test on an app that is already running.</summary>
    public const int Request = 30_000;

    /// <summary>A test that starts (or restarts) apps itself.</summary>
    public const int WithAppStarts = 120_000;
}
