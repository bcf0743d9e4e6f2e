using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Core;

public class GrainTests
{
    [Fact]
    public void Constructor_OutsideTheRuntime_ThrowsNamingGetGrain()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new EchoGrain());

        Assert.Contains("EchoGrain can only be created by the runtime", error.Message);
        Assert.Contains("IGrainFactory.GetGrain", error.Message);
    }

    [Fact]
    public void Constructor_TakingANullContext_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => new ContextGrain(null!));
    }

    [Fact]
    public async Task Constructor_TakingTheContext_IsBoundToItsActivation()
    {
        await using var silo = await TestSilo.StartAsync();

        var description = await silo.Grains.GetGrain<IContextGrain>("c-1").Describe();

        Assert.Equal("context/c-1 True", description);
    }
}
