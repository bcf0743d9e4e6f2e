using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Messaging;

public class ExceptionTests
{
    [Fact]
    public async Task GrainThrows_CallerGetsSameTypeAndMessage()
    {
        await using var silo = await TestSilo.StartAsync();

        var error = await Assert.ThrowsAsync<GrainFailureException>(
            () => silo.Grains.GetGrain<IThrowingGrain>("t").Throw("the vault is stuck"));

        Assert.Equal("the vault is stuck", error.Message);
    }

    [Fact]
    public async Task GrainThrows_ActivationStaysUsableWithItsState()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IThrowingGrain>("t");
        Assert.Equal(1, await grain.Increment());

        await Assert.ThrowsAsync<GrainFailureException>(() => grain.Throw("boom"));

        Assert.Equal(2, await grain.Increment());
        Assert.Equal(1, silo.Cluster.ActivationCount);
    }

    [Fact]
    public async Task GetGrain_InterfaceWithNoImplementation_ThrowsNamingIt()
    {
        await using var silo = await TestSilo.StartAsync();

        var error = Assert.Throws<ArgumentException>(() => silo.Grains.GetGrain<INotImplementedGrain>("x"));

        Assert.Contains(nameof(INotImplementedGrain), error.Message);
    }

    [Fact]
    public async Task GetGrain_GuidAndIntegerKeys_ReachTheGrainWithTheirKey()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = Guid.NewGuid();

        Assert.Equal(key, await silo.Grains.GetGrain<IGuidKeyGrain>(key).GetKey());
        Assert.Equal(42L, await silo.Grains.GetGrain<IIntegerKeyGrain>(42).GetKey());
    }

    [Fact]
    public async Task GrainReferences_SameGrain_AreEqual()
    {
        await using var silo = await TestSilo.StartAsync();

        Assert.Equal(silo.Grains.GetGrain<IThrowingGrain>("x"), silo.Grains.GetGrain<IThrowingGrain>("x"));
        Assert.NotEqual(silo.Grains.GetGrain<IThrowingGrain>("x"), silo.Grains.GetGrain<IThrowingGrain>("y"));
    }
}
