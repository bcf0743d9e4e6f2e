using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Messaging;

public class DeadlockTests
{
    [Fact]
    public async Task CallCycle_BetweenNonReentrantGrains_FailsFastNamingTheChain()
    {
        await using var silo = await TestSilo.StartAsync();

        var error = await Assert.ThrowsAsync<DeadlockException>(
            () => silo.Grains.GetGrain<IChainGrain>("a").CallThrough("b"));

        Assert.Equal(["chain/a.CallThrough", "chain/b.CallBack", "chain/a.Ping"], error.CallChain);
        Assert.Contains("chain/a.CallThrough -> chain/b.CallBack -> chain/a.Ping", error.Message);
    }

    [Fact]
    public async Task CallCycle_BetweenNonReentrantGrains_NamesTheSiloThatFoundIt()
    {
        await using var silo = await TestSilo.StartAsync();
        var here = silo.Cluster.ServiceProvider.GetRequiredService<ILocalSiloDetails>().SiloAddress;

        var error = await Assert.ThrowsAsync<DeadlockException>(
            () => silo.Grains.GetGrain<IChainGrain>("a").CallThrough("b"));

        Assert.Contains($"(found on silo {here})", error.Message);
    }

    [Fact]
    public async Task CallCycle_WhileTheFirstGrainBlocksItsThread_FailsAsDeadlockNotTimeout()
    {
        // The activation's pump cannot run while the blocked turn holds its thread: the caller's side must find the cycle.
        await using var silo = await TestSilo.StartAsync();

        var error = await Assert.ThrowsAsync<DeadlockException>(
            () => silo.Grains.GetGrain<IChainGrain>("a").CallThroughBlocking("b"));

        Assert.Equal(["chain/a.CallThroughBlocking", "chain/b.CallBack", "chain/a.Ping"], error.CallChain);
    }

    [Fact]
    public async Task CallToSelf_OnNonReentrantGrain_FailsFast()
    {
        await using var silo = await TestSilo.StartAsync();

        var error = await Assert.ThrowsAsync<DeadlockException>(() => silo.Grains.GetGrain<IChainGrain>("self").CallSelf());

        Assert.Equal(["chain/self.CallSelf", "chain/self.Ping"], error.CallChain);
    }

    [Fact]
    public async Task CallCycle_BetweenReentrantGrains_Completes()
    {
        await using var silo = await TestSilo.StartAsync();

        var answer = await silo.Grains.GetGrain<IReentrantChainGrain>("a").CallThrough("b");

        Assert.Equal("pong from a", answer);
    }

    [Fact]
    public async Task GrainAfterDeadlock_StaysUsable()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IChainGrain>("a");
        await Assert.ThrowsAsync<DeadlockException>(() => grain.CallThrough("b"));

        Assert.Equal("pong from a", await grain.Ping());
        Assert.Equal("pong from a", await silo.Grains.GetGrain<IChainGrain>("b").CallBack("a"));
    }
}
