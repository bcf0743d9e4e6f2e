using OrleansBank.Silo.Dashboard;
using OrleansBank.Tests.Shared;

namespace OrleansBank.Dashboard.Tests.Dashboard;

public class DashboardOptionsTests
{
    [Fact]
    public void Problems_Defaults_None() => Assert.Empty(new DashboardOptions().Problems());

    [Fact]
    public void Problems_WindowShorterThanInterval_NamesBothSettings()
    {
        var problem = Assert.Single(new DashboardOptions { Window = TimeSpan.FromMilliseconds(500) }.Problems());

        Assert.Contains("Dashboard:Window", problem, StringComparison.Ordinal);
        Assert.Contains("Dashboard:Interval", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00.01")]
    [InlineData("00:02:00")]
    public void Problems_IntervalOutOfRange_SaysTheRange(string interval)
    {
        var options = new DashboardOptions { Interval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture), Window = TimeSpan.FromMinutes(5) };

        Assert.Contains(options.Problems(), p => p.Contains("from 00:00:00.1 to 00:01:00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Silo_BadDashboardSetting_ExitsAtStartNamingIt()
    {
        var args = new[] { "--silo-port", Built.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), "--gateway-port", Built.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), "--http-port", Built.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), "--storage", "memory" };
        await using var silo = RunningProcess.Start(Built.Silo, args, new Dictionary<string, string> { ["ORLEANSBANK_Dashboard__History"] = "02:00:00" });

        var exit = await silo.WaitForExitAsync();

        Assert.Equal(2, exit);
        Assert.Contains("Dashboard:History must be from Dashboard:Interval to 01:00:00", silo.Stderr, StringComparison.Ordinal);
    }
}
