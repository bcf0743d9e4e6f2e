using Microsoft.Playwright;

namespace OrleansBank.Dashboard.Tests;

/// <summary>
/// The system's chromium, driven by Playwright: ORLEANSBANK_CHROMIUM, or /usr/bin/chromium as scripts/chromium-up.sh
/// installs it. Playwright never downloads a browser here.
/// </summary>
internal static class Chromium
{
    public static string ExecutablePath()
    {
        var path = Environment.GetEnvironmentVariable("ORLEANSBANK_CHROMIUM") is { Length: > 0 } given ? given : "/usr/bin/chromium";
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException($"No chromium at {path}: run scripts/chromium-up.sh (as root it installs Debian's chromium) or set ORLEANSBANK_CHROMIUM to a chromium executable.");
    }

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath(),
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Where screenshots go: TestResults/dashboard under the repository (or under TEST_RESULTS_DIR).</summary>
    public static string ScreenshotFolder()
    {
        var results = Environment.GetEnvironmentVariable("TEST_RESULTS_DIR") is { Length: > 0 } dir ? dir : "TestResults";
        var folder = Path.Combine(Path.IsPathRooted(results) ? results : Path.Combine(OrleansBank.Tests.Shared.Built.RepoRoot, results), "dashboard");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
