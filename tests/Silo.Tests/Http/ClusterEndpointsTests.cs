using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Silo.Tests.Http;

/// <summary>GET /cluster on a silo without membership (memory storage): a cluster of one, itself.</summary>
public sealed class ClusterEndpointsTests : IAsyncLifetime
{
    private WebSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _silo = await WebSilo.StartAsync(builder =>
            builder.UseOrleans(silo => silo
                .AddGrainAssembly(typeof(AccountGrain).Assembly)
                .AddMemoryGrainStorageAsDefault()
                .Configure<EndpointOptions>(o => o.HttpEndpoint = "http://127.0.0.1:18080")));
        var grains = _silo.App.Services.GetRequiredService<IGrainFactory>();
        await grains.GetGrain<IAccountGrain>("ann").Open("Ann", 5m, "o1");
        await grains.GetGrain<IAccountGrain>("bob").Open("Bob", 5m, "o2");
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Cluster_WithoutMembership_ListsThisSiloActiveWithItsActivationsByGrainType()
    {
        var root = JsonDocument.Parse(await _silo.Http.GetStringAsync("/cluster")).RootElement;

        Assert.Equal("orleansbank", root.GetProperty("clusterId").GetString());
        var self = Assert.Single(root.GetProperty("silos").EnumerateArray());
        Assert.Equal("active", self.GetProperty("status").GetString());
        Assert.Equal("http://127.0.0.1:18080", self.GetProperty("http").GetString());
        Assert.Equal(2, self.GetProperty("activations").GetProperty("account").GetInt32());
    }

    [Fact]
    public async Task ClusterLocal_IsThisSilosAddressGenerationAndActivations()
    {
        var root = JsonDocument.Parse(await _silo.Http.GetStringAsync("/cluster/local")).RootElement;
        var self = _silo.App.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

        Assert.Equal(self.Endpoint, root.GetProperty("address").GetString());
        Assert.Equal(self.Generation, root.GetProperty("generation").GetInt64());
        Assert.Equal(2, root.GetProperty("activations").GetProperty("account").GetInt32());
    }
}
