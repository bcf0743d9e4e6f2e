using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Activation;

public class GrainClassTests
{
    private static Task<TestSilo> StartWithGreetingMapper() => TestSilo.StartAsync(configure: s => s.ConfigureServices(
        services => services.AddSingleton<IAttributeToFactoryMapper<GreetingAttribute>, GreetingAttributeMapper>()));

    [Fact]
    public async Task Create_FacetMapperRegisteredByTheSilo_InjectsWhatTheMapperBuilds()
    {
        await using var silo = await StartWithGreetingMapper();

        var greeting = await silo.Grains.GetGrain<IGreeterGrain>("ann").Greet();

        Assert.Equal("hello, ann", greeting);
    }

    [Fact]
    public async Task Create_FacetWithoutMapper_FailsTheActivationNamingWhatToRegister()
    {
        await using var silo = await TestSilo.StartAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => silo.Grains.GetGrain<IGreeterGrain>("ann").Greet());

        Assert.Contains("[GreetingAttribute]", error.Message, StringComparison.Ordinal);
        Assert.Contains("IAttributeToFactoryMapper<GreetingAttribute>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_FacetDeactivatesThroughItsContext_NextCallActivatesAfresh()
    {
        await using var silo = await StartWithGreetingMapper();
        var grain = silo.Grains.GetGrain<IGreeterGrain>("bob");

        await grain.LeaveThroughFacet();
        await silo.Gates.WaitFor("deactivated:bob");
        await Poll.UntilAsync(() => silo.Cluster.ActivationCount == 0, "the deactivated greeter to leave the catalog");

        Assert.Equal("hello, bob", await grain.Greet());
        Assert.Equal(["activate:bob", "deactivate:bob:ApplicationRequested", "activate:bob"], silo.Gates.Log);
    }
}
