using OrleansBank.Runtime.Scheduling;

namespace OrleansBank.Runtime.Tests.Scheduling;

/// <summary>The pump's run on an activation's scheduler: requested without a task or a lock, never lost, never hogging.</summary>
public class ActivationTaskSchedulerPumpTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RequestPump_ThePump_RunsAsATaskOfThisScheduler()
    {
        var scheduler = new ActivationTaskScheduler("pump-current");
        var seen = new TaskCompletionSource<TaskScheduler>(TaskCreationOptions.RunContinuationsAsynchronously);
        scheduler.SetPump(_ => seen.TrySetResult(TaskScheduler.Current), this);

        scheduler.RequestPump();

        // Grain code the pump starts must see its activation's scheduler, or its awaits would resume on the pool.
        Assert.Same(scheduler, await seen.Task.WaitAsync(Bound));
    }

    [Fact]
    public async Task RequestPump_AgainWhileTasksAreQueued_RunsAfterThemAsIfQueuedLast()
    {
        var scheduler = new ActivationTaskScheduler("pump-turns");
        var order = new List<string>();
        var pumpRuns = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        scheduler.SetPump(
            _ =>
            {
                order.Add($"pump{++pumpRuns}");
                if (pumpRuns == 1)
                {
                    // A pump that spent its budget asks again, while two continuations wait in the queue.
                    _ = Task.Factory.StartNew(() => order.Add("task1"), CancellationToken.None, TaskCreationOptions.None, scheduler);
                    _ = Task.Factory.StartNew(() => order.Add("task2"), CancellationToken.None, TaskCreationOptions.None, scheduler);
                    scheduler.RequestPump();
                }
                else
                {
                    _ = Task.Factory.StartNew(done.SetResult, CancellationToken.None, TaskCreationOptions.None, scheduler);
                }
            },
            this);

        scheduler.RequestPump();
        await done.Task.WaitAsync(Bound);

        // Pump first would give pump1, pump2, task1, task2: a pump asking again at once (a busy reentrant grain) would
        // jump the continuations of the requests it started, again and again.
        Assert.Equal(["pump1", "task1", "task2", "pump2"], order);
    }

    [Fact]
    public async Task RequestPump_JustAsTheWorkItemFindsItsQueueEmpty_ThePumpStillRuns()
    {
        var scheduler = new ActivationTaskScheduler("pump-race");
        var runs = 0;
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        scheduler.SetPump(
            _ =>
            {
                if (++runs == 2)
                {
                    second.SetResult();
                }
            },
            this);
        var raced = false;
        scheduler.OnLettingGo = () =>
        {
            if (!raced)
            {
                // The work item saw nothing queued and is about to let go: a caller asks for the pump at that instant.
                // It sees the work item still scheduled, so it queues nothing; the work item must notice the request.
                raced = true;
                scheduler.RequestPump();
            }
        };

        scheduler.RequestPump();

        await second.Task.WaitAsync(Bound);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task RequestPump_SeveralTimesBeforeItRuns_RunsThePumpOnce()
    {
        var scheduler = new ActivationTaskScheduler("pump-coalesce");
        var runs = 0;
        using var hold = new ManualResetEventSlim();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var after = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        scheduler.SetPump(_ => Interlocked.Increment(ref runs), this);

        // A running task holds the work item, so the requests below all arrive before the pump's turn.
        _ = Task.Factory.StartNew(
            () =>
            {
                holding.SetResult();
                hold.Wait(Bound);
            },
            CancellationToken.None,
            TaskCreationOptions.None,
            scheduler);
        await holding.Task.WaitAsync(Bound);
        scheduler.RequestPump();
        scheduler.RequestPump();
        scheduler.RequestPump();
        _ = Task.Factory.StartNew(after.SetResult, CancellationToken.None, TaskCreationOptions.None, scheduler);
        hold.Set();

        await after.Task.WaitAsync(Bound);
        Assert.Equal(1, Volatile.Read(ref runs));
    }
}
