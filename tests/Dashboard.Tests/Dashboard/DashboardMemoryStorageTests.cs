using System.Text.Json;
using OrleansBank.Tests.Shared;

namespace OrleansBank.Dashboard.Tests.Dashboard;

/// <summary>A silo with memory storage has no membership table: the dashboard shows it alone, active.</summary>
public class DashboardMemoryStorageTests
{
    [Fact]
    public async Task Events_SiloWithoutMembership_ShowsItselfAloneAndActive()
    {
        await using var silo = await SiloProcess.StartAsync(null, "--storage", "memory");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        var body = await http.GetStringAsync($"{silo.Http}/dashboard/events?messages=1");

        var data = JsonDocument.Parse(body.Split('\n').Single(l => l.StartsWith("data: ", StringComparison.Ordinal))[6..]).RootElement;
        var only = Assert.Single(data.GetProperty("silos").EnumerateArray());
        Assert.Equal("active", only.GetProperty("status").GetString());
        Assert.Equal($"127.0.0.1:{silo.GatewayPort}", only.GetProperty("gateway").GetString());
        Assert.False(only.GetProperty("stale").GetBoolean());
    }
}
