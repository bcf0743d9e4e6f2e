using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging;

public class TimeoutTests
{
    [Fact]
    public async Task Call_NoAnswerWithinDefault30Seconds_FailsWithTimeoutNamingGrainAndMethod()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time);
        var call = silo.Grains.GetGrain<ISlowGrain>("s1").Hang();
        // Running, not still activating: a request that starts after its deadline is refused by the silo instead.
        await silo.Gates.WaitFor("entered:hang");

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted, "the call must still be waiting before its 30 s timeout");
        time.Advance(TimeSpan.FromSeconds(1.5));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call);
        Assert.Contains("slow/s1.Hang", error.Message);
        Assert.Contains("00:00:30", error.Message);
    }

    [Fact]
    public async Task Call_MethodWithResponseTimeoutAttribute_UsesItsOwnTimeout()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time);
        var call = silo.Grains.GetGrain<ISlowGrain>("s2").HangBriefly();
        // Running, not still activating: a request that starts after its deadline is refused by the silo instead.
        await silo.Gates.WaitFor("entered:hang");

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(call.IsCompleted, "the call must still be waiting before its 2 s timeout");
        time.Advance(TimeSpan.FromSeconds(1.5));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => call);
        Assert.Contains("slow/s2.HangBriefly", error.Message);
    }

    [Fact]
    public async Task Call_GlobalResponseTimeoutConfigured_UsesIt()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time, s => s.Configure<MessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(5)));
        var call = silo.Grains.GetGrain<ISlowGrain>("s3").Hang();
        // Running, not still activating: a request that starts after its deadline is refused by the silo instead.
        await silo.Gates.WaitFor("entered:hang");

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(call.IsCompleted, "the call must still be waiting before its 5 s timeout");
        time.Advance(TimeSpan.FromSeconds(1.5));

        await Assert.ThrowsAsync<TimeoutException>(() => call);
    }

    [Fact]
    public async Task QueuedRequest_DeadlinePassedBeforeItsTurn_IsNotRun()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time);
        var grain = silo.Grains.GetGrain<IRecorderGrain>("expired");
        var first = grain.Hold("a");
        await silo.Gates.WaitFor("entered:a");
        var late = grain.Hold("late");
        await silo.Cluster.WaitForQueuedRequestsAsync(grain, 1);

        time.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<TimeoutException>(() => late);
        await Assert.ThrowsAsync<TimeoutException>(() => first);
        silo.Gates.Raise("release:a");
        silo.Gates.Raise("release:next");

        // Queued behind the expired request, so once it runs the expired one has been dealt with.
        await grain.Hold("next");
        Assert.DoesNotContain("enter:late", silo.Gates.Log);
    }
}
