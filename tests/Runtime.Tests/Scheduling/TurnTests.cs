using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Scheduling;

public class TurnTests
{
    [Fact]
    public async Task NonReentrantGrain_SecondRequestArrivesDuringAwait_WaitsUntilFirstCompletes()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IRecorderGrain>("turns");

        var first = grain.Hold("a");
        await silo.Gates.WaitFor("entered:a");
        var second = grain.Hold("b");
        await silo.Cluster.WaitForQueuedRequestsAsync(grain, 1);

        Assert.Equal(["enter:a"], silo.Gates.Log);
        silo.Gates.Raise("release:a");
        await first;
        await silo.Gates.WaitFor("entered:b");
        silo.Gates.Raise("release:b");
        await second;

        Assert.Equal(["enter:a", "exit:a", "enter:b", "exit:b"], silo.Gates.Log);
    }

    [Fact]
    public async Task ReentrantGrain_SecondRequestArrivesDuringAwait_RunsInterleaved()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IReentrantRecorderGrain>("turns");

        var first = grain.Hold("a");
        await silo.Gates.WaitFor("entered:a");
        var second = grain.Hold("b");
        await silo.Gates.WaitFor("entered:b");
        silo.Gates.Raise("release:b");
        await second;
        silo.Gates.Raise("release:a");
        await first;

        Assert.Equal(["enter:a", "enter:b", "exit:b", "exit:a"], silo.Gates.Log);
    }

    [Fact]
    public async Task ReadOnlyMethods_BothReadOnly_Interleave()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IRecorderGrain>("readonly");

        var first = grain.HoldReadOnly("a");
        await silo.Gates.WaitFor("entered:a");
        var second = grain.HoldReadOnly("b");
        await silo.Gates.WaitFor("entered:b");
        silo.Gates.ReleaseAll();
        await Task.WhenAll(first, second);

        Assert.Equal(["enter:a", "enter:b"], silo.Gates.Log.Take(2));
    }

    [Fact]
    public async Task ReadOnlyMethod_WhileWriterRuns_Waits()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IRecorderGrain>("readonly-writer");

        var writer = grain.Hold("w");
        await silo.Gates.WaitFor("entered:w");
        var reader = grain.HoldReadOnly("r");
        await silo.Cluster.WaitForQueuedRequestsAsync(grain, 1);
        silo.Gates.Raise("release:w");
        await writer;
        silo.Gates.Raise("release:r");
        await reader;

        Assert.Equal(["enter:w", "exit:w", "enter:r", "exit:r"], silo.Gates.Log);
    }

    [Fact]
    public async Task AlwaysInterleaveMethod_OnNonReentrantGrain_RunsDuringAnotherRequest()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IRecorderGrain>("interleave");

        var first = grain.Hold("a");
        await silo.Gates.WaitFor("entered:a");
        var second = grain.HoldInterleaved("b");
        await silo.Gates.WaitFor("entered:b");
        silo.Gates.ReleaseAll();
        await Task.WhenAll(first, second);

        Assert.Equal(["enter:a", "enter:b"], silo.Gates.Log.Take(2));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ManyConcurrentRequests_AnyReentrancy_NeverTwoThreadsInsideAtOnce(bool reentrant)
    {
        await using var silo = await TestSilo.StartAsync();
        var calls = Enumerable.Range(0, 100).Select(_ => Task.Run(() => reentrant
            ? silo.Grains.GetGrain<IReentrantRecorderGrain>("overlap").CountOverlaps(20)
            : silo.Grains.GetGrain<IRecorderGrain>("overlap").CountOverlaps(20)));

        var overlaps = await Task.WhenAll(calls);

        Assert.All(overlaps, o => Assert.Equal(0, o));
    }

    [Fact]
    public async Task GrainCode_AfterAwaits_ContinuesOnItsActivationScheduler()
    {
        await using var silo = await TestSilo.StartAsync();

        Assert.True(await silo.Grains.GetGrain<IRecorderGrain>("scheduler").ContinuesOnActivationScheduler());
    }
}
