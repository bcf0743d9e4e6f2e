using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Tests.Messaging;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Activation;

public class GrainTimerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan Never = Timeout.InfiniteTimeSpan;

    [Fact]
    public async Task Tick_AtDueTimeThenEveryPeriod_RunsOnTheActivationScheduler()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time);
        var grain = silo.Grains.GetGrain<ITimerGrain>("periodic");
        await grain.Start(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), interleave: false, keepAlive: false, "");

        time.Advance(TimeSpan.FromSeconds(5) - Millisecond);
        Assert.Equal(0, await grain.Ticks());
        time.Advance(Millisecond);
        await silo.Gates.WaitFor("tick:1");
        Assert.Equal(1, await grain.Ticks());
        time.Advance(TimeSpan.FromSeconds(10) - Millisecond);
        Assert.Equal(1, await grain.Ticks());
        time.Advance(Millisecond);
        await silo.Gates.WaitFor("tick:2");

        Assert.Equal(2, await grain.Ticks());
        Assert.Equal(["activate", "tick:1", "tick:2"], silo.Gates.Log);
    }

    [Fact]
    public async Task RegisterGrainTimer_InOnActivateAsyncDueAtOnceOnTheSystemClock_TicksOnlyOnceTheActivationIsReady()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<ITimerGrain>("on-activate");

        var call = grain.Ticks();
        await silo.Cluster.WaitForQueuedRequestsAsync(grain, 2);
        Assert.Equal(["activate"], silo.Gates.Log);
        silo.Gates.Raise("release-activation");
        await call;
        await silo.Gates.WaitFor("tick:1");

        Assert.Equal(["activate", "activated", "tick:1"], silo.Gates.Log);
    }

    [Fact]
    public async Task Tick_DueWhileARequestRuns_WaitsForTheRequestToFinish()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time);
        var grain = silo.Grains.GetGrain<ITimerGrain>("waits");
        await grain.Start(Second, Never, interleave: false, keepAlive: false, "");
        var request = grain.Hold("a");
        await silo.Gates.WaitFor("entered:a");

        time.Advance(Second);

        Assert.Equal(1, silo.Cluster.GetQueuedRequestCount(grain));
        Assert.Equal(["activate", "enter:a"], silo.Gates.Log);
        silo.Gates.Raise("release:a");
        await request;
        await silo.Gates.WaitFor("tick:1");
        Assert.Equal(["activate", "enter:a", "exit:a", "tick:1"], silo.Gates.Log);
    }

    [Fact]
    public async Task Tick_InterleaveWhileARequestRunsAndAnotherWaits_RunsBesideThemAsAnAlwaysInterleaveCallWould()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time);
        var grain = silo.Grains.GetGrain<ITimerGrain>("interleaves");
        await grain.Start(Second, Never, interleave: true, keepAlive: false, "");
        var running = grain.Hold("a");
        await silo.Gates.WaitFor("entered:a");
        var waiting = grain.Hold("b");
        await silo.Cluster.WaitForQueuedRequestsAsync(grain, 1);

        time.Advance(Second);
        await silo.Gates.WaitFor("tick:1");

        Assert.Equal(["activate", "enter:a", "tick:1"], silo.Gates.Log);
        silo.Gates.ReleaseAll();
        await Task.WhenAll(running, waiting);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tick_SlowerThanThePeriod_NeverOverlapsAndTheNextIsDueAPeriodAfterItEnds(bool interleave)
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time);
        var grain = silo.Grains.GetGrain<ITimerGrain>("slow");
        await grain.Start(Second, Second, interleave, keepAlive: false, "hold");
        time.Advance(Second);
        await silo.Gates.WaitFor("tick:1");

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, silo.Cluster.GetQueuedRequestCount(grain));
        silo.Gates.Raise("release-tick:1");
        await TurnsOver(silo, grain);
        time.Advance(Second - Millisecond);
        Assert.Equal(0, silo.Cluster.GetQueuedRequestCount(grain));
        Assert.DoesNotContain("tick:2", silo.Gates.Log);
        time.Advance(Millisecond);
        await silo.Gates.WaitFor("tick:2");

        Assert.Equal(["activate", "tick:1", "tick-exit:1", "tick:2"], silo.Gates.Log);
    }

    [Fact]
    public async Task Tick_WithoutKeepAlive_DoesNotKeepTheGrainFromIdleCollection()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartWithCollectionAge(time);
        var grain = silo.Grains.GetGrain<ITimerGrain>("passive");
        await grain.Start(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), interleave: false, keepAlive: false, "");

        for (var minute = 1; minute <= 9; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await silo.Gates.WaitFor($"tick:{minute}");
            await TurnsOver(silo, grain);
        }

        time.Advance(TimeSpan.FromMinutes(2));
        await silo.Gates.WaitFor("deactivated");

        Assert.Contains("deactivate:ActivationIdle", silo.Gates.Log);
    }

    [Fact]
    public async Task Tick_WithKeepAlive_KeepsTheGrainActivePastItsCollectionAge()
    {
        var time = new ManualTimeProvider();
        await using var silo = await StartWithCollectionAge(time);
        var grain = silo.Grains.GetGrain<ITimerGrain>("active");
        await grain.Start(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), interleave: false, keepAlive: true, "");

        for (var minute = 1; minute <= 15; minute++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
            await silo.Gates.WaitFor($"tick:{minute}");
            await TurnsOver(silo, grain);
        }

        Assert.DoesNotContain(silo.Gates.Log, e => e.StartsWith("deactivate", StringComparison.Ordinal));
        Assert.Equal(1, silo.Cluster.ActivationCount);
    }

    [Fact]
    public async Task Deactivation_StopsTheTimerAndCancelsItsToken()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time);
        var grain = silo.Grains.GetGrain<ITimerGrain>("stops");
        await grain.Start(Second, Second, interleave: false, keepAlive: false, "");
        time.Advance(Second);
        await silo.Gates.WaitFor("tick:1");

        await grain.DeactivateWhenDone();
        await silo.Gates.WaitFor("deactivated");
        await Poll.UntilAsync(() => silo.Cluster.ActivationCount == 0, "the deactivated activation to leave the catalog");
        for (var i = 0; i < 5; i++)
        {
            time.Advance(Second);
        }

        Assert.Equal(0, silo.Cluster.ActivationCount);
        Assert.Equal(["activate", "tick:1", "deactivate:ApplicationRequested", "token-cancelled:True"], silo.Gates.Log);
    }

    [Fact]
    public async Task Deactivation_ACallbackOnTheTicksTokenThrows_IsLoggedAndTheGrainStillDeactivates()
    {
        var time = new ManualTimeProvider();
        var log = new WarningLog();
        await using var silo = await TestSilo.StartAsync(time, s => s.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(log)));
        var grain = silo.Grains.GetGrain<ITimerGrain>("cancel-throws");
        await grain.Start(Second, Second, interleave: false, keepAlive: false, "throw-on-cancel");
        time.Advance(Second);
        await silo.Gates.WaitFor("tick:1");

        await grain.DeactivateWhenDone();
        await silo.Gates.WaitFor("deactivated");
        await Poll.UntilAsync(() => silo.Cluster.ActivationCount == 0, "the deactivated activation to leave the catalog");

        Assert.Contains(log.Warnings, w => w.Contains($"cancelling a timer of {grain.GetGrainId()}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deactivation_WithATickQueued_DropsTheTickRatherThanActivatingTheGrainAgain()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time);
        var grain = silo.Grains.GetGrain<ITimerGrain>("queued");
        await grain.Start(Second, Second, interleave: false, keepAlive: false, "");
        var request = grain.Hold("a");
        await silo.Gates.WaitFor("entered:a");
        time.Advance(Second);
        Assert.Equal(1, silo.Cluster.GetQueuedRequestCount(grain));

        Assert.True(ActivationOf(silo, grain).TryDeactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "the test asked")));
        silo.Gates.Raise("release:a");
        await request;
        await silo.Gates.WaitFor("deactivated");
        await Poll.UntilAsync(() => silo.Cluster.ActivationCount == 0, "the grain to have no activation: its queued tick must not start a new one");

        Assert.Equal(["activate", "enter:a", "exit:a", "deactivate:ApplicationRequested", "token-cancelled:False"], silo.Gates.Log);
    }

    [Fact]
    public async Task Change_StoppedTimer_TicksAtTheNewDueTimeAndPeriodUntilChangedToInfinite()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time);
        var grain = silo.Grains.GetGrain<ITimerGrain>("changed");
        await grain.Start(Never, Never, interleave: false, keepAlive: false, "");
        // Less than the default collection age of 15 minutes, so the activation and its timer stay.
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await grain.Ticks());

        await grain.Change(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3));
        time.Advance(TimeSpan.FromSeconds(2));
        await silo.Gates.WaitFor("tick:1");
        await TurnsOver(silo, grain);
        time.Advance(TimeSpan.FromSeconds(3));
        await silo.Gates.WaitFor("tick:2");
        await TurnsOver(silo, grain);
        await grain.Change(Never, Never);
        time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(2, await grain.Ticks());
    }

    [Fact]
    public async Task Change_InsideTheCallback_CountsTheNewDueTimeFromTheEndOfTheTick()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time);
        var grain = silo.Grains.GetGrain<ITimerGrain>("changes-itself");
        await grain.Start(Second, TimeSpan.FromMinutes(1), interleave: false, keepAlive: false, "change:1");
        time.Advance(Second);
        await silo.Gates.WaitFor("tick:1");
        await TurnsOver(silo, grain);

        time.Advance(TimeSpan.FromSeconds(5) - Millisecond);
        Assert.Equal(1, await grain.Ticks());
        time.Advance(Millisecond);
        await silo.Gates.WaitFor("tick:2");
        await TurnsOver(silo, grain);
        time.Advance(Second);
        await silo.Gates.WaitFor("tick:3");
    }

    [Fact]
    public async Task Dispose_InsideTheCallback_StopsTheTimerAndCancelsItsToken()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time);
        var grain = silo.Grains.GetGrain<ITimerGrain>("disposes-itself");
        await grain.Start(Second, Second, interleave: false, keepAlive: false, "dispose:2");
        time.Advance(Second);
        await silo.Gates.WaitFor("tick:1");
        await TurnsOver(silo, grain);
        time.Advance(Second);
        await silo.Gates.WaitFor("tick:2");
        await TurnsOver(silo, grain);

        for (var i = 0; i < 5; i++)
        {
            time.Advance(Second);
        }

        Assert.Equal(0, silo.Cluster.GetQueuedRequestCount(grain));
        Assert.Equal(2, await grain.Ticks());
        Assert.Equal(["activate", "tick:1", "tick:2", "token-cancelled-by-dispose:True"], silo.Gates.Log);
    }

    [Fact]
    public async Task Dispose_FromARequest_StopsTheTimerAndChangeAfterwardsThrowsObjectDisposed()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time);
        var grain = silo.Grains.GetGrain<ITimerGrain>("disposed");
        await grain.Start(Second, Second, interleave: false, keepAlive: false, "");

        await grain.DisposeTimer();
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, await grain.Ticks());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => grain.Change(Second, Second));
        await grain.DisposeTimer();
    }

    [Fact]
    public async Task Tick_Throws_IsLoggedAndTheTimerGoesOn()
    {
        var time = new ManualTimeProvider();
        var log = new WarningLog();
        await using var silo = await TestSilo.StartAsync(time, s => s.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(log)));
        var grain = silo.Grains.GetGrain<ITimerGrain>("throws");
        await grain.Start(Second, Second, interleave: false, keepAlive: false, "throw:1");

        time.Advance(Second);
        await silo.Gates.WaitFor("tick:1");
        await Poll.UntilAsync(
            () => log.Warnings.Any(w => w.Contains($"timer tick of {grain.GetGrainId()} failed", StringComparison.Ordinal)),
            "the failed tick to be logged as a warning naming the grain");
        await TurnsOver(silo, grain);
        time.Advance(Second);
        await silo.Gates.WaitFor("tick:2");

        Assert.Equal(2, await grain.Ticks());
    }

    [Theory]
    [InlineData("options", -2, 1000, "options.DueTime")]
    [InlineData("options", 1000, -2, "options.Period")]
    [InlineData("timespans", -2, 1000, "dueTime")]
    [InlineData("timespans", 1000, -1000, "period")]
    public async Task RegisterGrainTimer_NegativeTimeOtherThanInfinite_ThrowsArgumentOutOfRangeNamingItAndWhatIsAccepted(
        string overload, int dueMilliseconds, int periodMilliseconds, string parameter)
    {
        await using var silo = await TestSilo.StartAsync(new ManualTimeProvider());
        var grain = silo.Grains.GetGrain<ITimerGrain>("invalid");

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => grain.Register(overload, TimeSpan.FromMilliseconds(dueMilliseconds), TimeSpan.FromMilliseconds(periodMilliseconds)));

        Assert.Contains($"{parameter} must be zero or positive", error.Message, StringComparison.Ordinal);
        Assert.Contains("or Timeout.InfiniteTimeSpan", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-2, 1000, "dueTime")]
    [InlineData(1000, -2, "period")]
    public async Task Change_NegativeTimeOtherThanInfinite_ThrowsArgumentOutOfRangeNamingIt(int dueMilliseconds, int periodMilliseconds, string parameter)
    {
        await using var silo = await TestSilo.StartAsync(new ManualTimeProvider());
        var grain = silo.Grains.GetGrain<ITimerGrain>("invalid-change");
        await grain.Start(Never, Never, interleave: false, keepAlive: false, "");

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => grain.Change(TimeSpan.FromMilliseconds(dueMilliseconds), TimeSpan.FromMilliseconds(periodMilliseconds)));

        Assert.Contains($"{parameter} must be zero or positive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterGrainTimer_InfiniteAndLongestTimes_AreAccepted()
    {
        await using var silo = await TestSilo.StartAsync(new ManualTimeProvider());
        var grain = silo.Grains.GetGrain<ITimerGrain>("valid");

        await grain.Register("options", Never, Never);
        await grain.Register("timespans", TimeSpan.FromMilliseconds(4294967294), TimeSpan.Zero);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => grain.Register("options", TimeSpan.FromMilliseconds(4294967295), Never));
    }

    private static Task<TestSilo> StartWithCollectionAge(ManualTimeProvider time) => TestSilo.StartAsync(time, s => s.Configure<GrainCollectionOptions>(o =>
    {
        o.CollectionAge = TimeSpan.FromMinutes(10);
        o.CollectionQuantum = TimeSpan.FromMinutes(1);
    }));

    private static ActivationData ActivationOf(TestSilo silo, IAddressable grain) =>
        silo.Cluster.ServiceProvider.GetRequiredService<Catalog>().TryGet(grain.GetGrainId(), out var activation)
            ? activation!
            : throw new InvalidOperationException($"{grain.GetGrainId()} has no activation.");

    /// <summary>Waits until nothing runs or waits at the grain: a tick's turn is over, so its timer is armed again.</summary>
    private static Task TurnsOver(TestSilo silo, IAddressable grain) => Poll.UntilAsync(
        () => ActivationOf(silo, grain) is var a && a.RunningCount == 0 && a.WaitingCount == 0,
        $"the turns at {grain.GetGrainId()} to end");
}
