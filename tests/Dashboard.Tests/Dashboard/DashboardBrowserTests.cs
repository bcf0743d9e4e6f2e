using System.Globalization;
using Microsoft.Playwright;
using OrleansBank.Silo.Tests.Cluster;
using OrleansBank.TestingHost;
using OrleansBank.Tests.Shared;

namespace OrleansBank.Dashboard.Tests.Dashboard;

/// <summary>The dashboard in a real browser (the system's chromium through Playwright) against three silo processes.</summary>
public class DashboardBrowserTests
{
    private static readonly TimeSpan DeadWithin = TimeSpan.FromSeconds(45);

    [Fact]
    [Trait("Needs", "chromium")]
    public async Task Page_ThreeSilosUnderAStorm_ShowsThemWithRisingCallsThenAKilledOneDead()
    {
        await using var cluster = SiloProcessCluster.SharingDataFolder();
        await cluster.StartAsync(3);
        await cluster.UntilStatusAsync(cluster.Silos[0], cluster.Silos, "active");
        var (opened, _, openError) = await cluster.Silos[1].ClientAsync("open", "dash-storm", "--initial", "100000");
        Assert.True(opened == 0, openError);
        var shots = Chromium.ScreenshotFolder();

        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        {
            await using (browser)
            {
                var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
                try
                {
                    await ShowsStormThenDeathAsync(cluster, page, shots);
                }
                catch
                {
                    // What the page showed when the test gave up is the first thing to look at.
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "failed-1280x800-light.png"), FullPage = true });
                    throw;
                }
            }
        }
    }

    private static async Task ShowsStormThenDeathAsync(SiloProcessCluster cluster, IPage page, string shots)
    {
        await page.GotoAsync($"{cluster.Silos[0].Http}/dashboard");

        await Poll.UntilAsync(
            async () =>
            {
                var shown = await Rows(page);
                return cluster.Silos.All(s => StatusOf(shown, s) == "active");
            },
            "the page to show all three silos active");

        var first = await StormAsync(cluster, page, 0);
        var second = await StormAsync(cluster, page, first);
        Assert.True(second > first, $"calls went from {first:N0} to {second:N0}");
        await ScreenshotsAsync(page, shots, "storm");

        var victim = cluster.Silos[2];
        victim.Process.Process.Kill();
        await victim.Process.Process.WaitForExitAsync();
        await Poll.UntilAsync(
            async () => StatusOf(await Rows(page), victim) == "dead",
            $"the page to show the silo with gateway {victim.Gateway} dead after its SIGKILL",
            DeadWithin);
        var rows = await Rows(page);
        Assert.Equal("active", StatusOf(rows, cluster.Silos[0]));
        Assert.Equal("active", StatusOf(rows, cluster.Silos[1]));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "dead-1280x800-light.png"), FullPage = true });
    }

    /// <summary>Runs a storm of withdrawals, then waits until the page (without a reload) counts more calls than <paramref name="before"/> plus the storm.</summary>
    private static async Task<long> StormAsync(SiloProcessCluster cluster, IPage page, long before)
    {
        const int count = 2_000;
        var (exit, _, error) = await cluster.Silos[0].ClientAsync("storm", "dash-storm", "--count", count.ToString(CultureInfo.InvariantCulture), "--amount", "0.01");
        Assert.True(exit == 0, error);
        long shown = 0;
        await Poll.UntilAsync(
            async () => (shown = await CallsShownAsync(page)) >= before + count,
            $"the page to count at least {before + count:N0} grain calls across the cluster (it shows {shown:N0})");
        return shown;
    }

    private static async Task<long> CallsShownAsync(IPage page)
    {
        // "12,345 calls in all", formatted as the CLI formats counts.
        var text = await page.Locator("#calls-total").InnerTextAsync();
        var number = text.Split(' ')[0];
        return long.TryParse(number, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var calls) ? calls : 0;
    }

    private static Task<string[][]> Rows(IPage page) =>
        page.EvaluateAsync<string[][]>(
            "() => Array.from(document.querySelectorAll('#silos tbody tr')).map(tr => [tr.children[1].textContent, tr.querySelector('.status').textContent])");

    /// <summary>The status the page shows for <paramref name="silo"/>'s newest row (found by its gateway port), or null.</summary>
    private static string? StatusOf(string[][] rows, SiloProcess silo) =>
        rows.Where(r => r[0].EndsWith(":" + silo.GatewayPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)).Select(r => r[1]).FirstOrDefault();

    /// <summary>The page on a laptop and on a phone, light and dark, as a person would see it.</summary>
    private static async Task ScreenshotsAsync(IPage page, string folder, string state)
    {
        foreach (var (width, height) in new[] { (1280, 800), (390, 844) })
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await page.SetViewportSizeAsync(width, height);
                await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme });
                var name = $"{state}-{width}x{height}-{scheme.ToString().ToLowerInvariant()}.png";
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
            }
        }

        await page.SetViewportSizeAsync(1280, 800);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = ColorScheme.Light });
    }
}
