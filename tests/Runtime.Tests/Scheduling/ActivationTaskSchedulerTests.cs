using System.Diagnostics;
using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Scheduling;

public class ActivationTaskSchedulerTests
{
    [Fact]
    public async Task QueueTask_PoolSaturatedByCallsToManyGrains_TimerKeepsFiring()
    {
        // Enough callers that every pool thread always has grain work to run, as in a mass reactivation.
        const int callers = 1_000;
        const int grains = 20_000;
        const int ticksWanted = 40;
        var period = TimeSpan.FromMilliseconds(50);
        var bound = TimeSpan.FromSeconds(3);
        var floodLimit = TimeSpan.FromSeconds(20);
        await using var silo = await TestSilo.StartAsync();
        var clock = Stopwatch.StartNew();
        var everyGrainActive = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ticks = 0;
        var lastTick = TimeSpan.Zero;
        var longestGap = TimeSpan.Zero;
        var allTicksAt = TimeSpan.Zero;
        long completed = 0;

        // Nothing here may wait on a timer: under starvation it would be late too. The flood stops once the
        // timer has ticked often enough, or after floodLimit by the stopwatch.
        var flood = Enumerable.Range(0, callers).Select(caller => Task.Run(async () =>
        {
            for (var i = caller; Volatile.Read(ref ticks) < ticksWanted && clock.Elapsed < floodLimit; i += callers)
            {
                await silo.Grains.GetGrain<IEchoGrain>($"flood-{i % grains}").Nothing();
                if (Interlocked.Increment(ref completed) == grains)
                {
                    everyGrainActive.TrySetResult();
                }
            }
        })).ToArray();
        await everyGrainActive.Task;

        var armed = lastTick = clock.Elapsed;
        using var timer = new Timer(
            _ =>
            {
                // Each tick is a callback the pool had to run: the gaps between them show how long it made them wait.
                var now = clock.Elapsed;
                longestGap = now - lastTick > longestGap ? now - lastTick : longestGap;
                lastTick = now;
                if (Interlocked.Increment(ref ticks) == ticksWanted)
                {
                    allTicksAt = now;
                }
            },
            null,
            period,
            period);
        await Task.WhenAll(flood);

        Assert.True(Volatile.Read(ref ticks) >= ticksWanted, $"under load the timer ticked {ticks} times in {floodLimit}, not {ticksWanted}");
        Assert.True(longestGap < bound, $"under load the timer went {longestGap.TotalMilliseconds:0} ms without firing; the bound is {bound}");
        var took = allTicksAt - armed;
        Assert.True(took < (ticksWanted * period) + bound, $"{ticksWanted} ticks of {period.TotalMilliseconds} ms took {took.TotalSeconds:0.0} s under load");
    }
}
