using OrleansBank.Runtime.Scheduling;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Scheduling;

public class DedicatedThreadSchedulerTests
{
    [Fact]
    public async Task Run_BlockingWork_RunsOnItsOwnNamedThreadsNotThePool()
    {
        using var scheduler = new DedicatedThreadScheduler("io", threadCount: 2);

        var (name, onPool) = await scheduler.Run(() => Task.FromResult((Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread)));

        Assert.StartsWith("io #", name);
        Assert.False(onPool);
    }

    [Fact]
    public async Task Run_AsManyBlockedItemsAsThreads_NextItemWaitsAndPoolStaysFree()
    {
        using var scheduler = new DedicatedThreadScheduler("io", threadCount: 2);
        using var release = new ManualResetEventSlim();
        var blocked = Enumerable.Range(0, 2).Select(_ => scheduler.Run(() => Task.FromResult(release.Wait(Poll.DefaultTimeout)))).ToArray();
        var third = scheduler.Run(() => Task.FromResult(true));

        // The pool is untouched: work outside the scheduler still runs while both of its threads are blocked.
        Assert.True(await Task.Run(() => true).WaitAsync(Poll.DefaultTimeout));
        Assert.False(third.IsCompleted, "a third item ran although both threads were blocked");
        release.Set();

        Assert.All(await Task.WhenAll([.. blocked, third]).WaitAsync(Poll.DefaultTimeout), Assert.True);
    }

    [Fact]
    public async Task Run_AfterDispose_StillRunsTheWork()
    {
        var scheduler = new DedicatedThreadScheduler("io", threadCount: 1);
        scheduler.Dispose();

        Assert.Equal(42, await scheduler.Run(() => Task.FromResult(42)).WaitAsync(Poll.DefaultTimeout));
    }
}
