using System.Text.Json;
using OrleansBank.Runtime;
using OrleansBank.TestingHost;

namespace OrleansBank.Client.Tests.Commands;

public class ClusterCommandTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = new TestClusterBuilder()
            .ConfigureSilo(silo => silo.AddGrainAssembly(typeof(FixedClusterViewGrain).Assembly).AddMemoryGrainStorageAsDefault())
            .UseClientTransport(TestClientTransport.Tcp)
            .Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Cluster_Json_IsTheReportWithLowerCaseStatusesAndNullForUnansweredActivations()
    {
        var (exit, output, error) = await InProcessClient.RunAsync("cluster", "--json", "--gateway", _cluster.GatewayEndpoint!);

        Assert.Equal((0, ""), (exit, error));
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal("blue", report.GetProperty("clusterId").GetString());
        var silos = report.GetProperty("silos").EnumerateArray().ToList();
        Assert.Equal(["active", "dead"], silos.Select(s => s.GetProperty("status").GetString()));
        Assert.Equal("127.0.0.1:11111", silos[0].GetProperty("address").GetString());
        Assert.Equal(1763790000000, silos[0].GetProperty("generation").GetInt64());
        Assert.Equal("127.0.0.1:30000", silos[0].GetProperty("gateway").GetString());
        Assert.Equal("http://127.0.0.1:8080", silos[0].GetProperty("http").GetString());
        Assert.Equal(12, silos[0].GetProperty("activations").GetProperty("account").GetInt32());
        Assert.Equal(JsonValueKind.Null, silos[1].GetProperty("activations").ValueKind);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero), silos[0].GetProperty("lastHeartbeat").GetDateTimeOffset());
    }

    [Fact]
    public async Task Cluster_Table_ShowsEverySiloWithStatusEndpointsAndActivations()
    {
        var (exit, output, error) = await InProcessClient.RunAsync("cluster", "--gateway", _cluster.GatewayEndpoint!);

        Assert.Equal((0, ""), (exit, error));
        Assert.Contains("Cluster blue: 1 active of 2", output);
        foreach (var expected in new[] { "127.0.0.1:11111", "127.0.0.1:30001", "http://127.0.0.1:8080", "active", "dead", "account 12, transfer 2", "unknown (no answer)", "2026-11-22 08:00:00Z" })
        {
            Assert.Contains(expected, output);
        }
    }
}
