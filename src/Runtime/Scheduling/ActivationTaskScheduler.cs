using System.Collections.Concurrent;

namespace OrleansBank.Runtime.Scheduling;

/// <summary>
/// Runs one activation's work items one at a time, in order, on the thread pool. Grain code awaits
/// capture this scheduler, so every continuation of a grain comes back here and never runs beside another.
/// </summary>
/// <remarks>
/// Fairness over locality: the scheduler always queues itself to the pool's global FIFO queue, never to the current
/// thread's local queue. Under sustained load a pool thread runs its local queue first, newest first, and looks at
/// the global queue only when that is empty, so local queueing let grain work starve timers, the timeout sweep and
/// other grains for as long as the load lasted (a 2 s timer stalled for 20 s, and calls timed out spuriously).
/// <para>
/// No lock: tasks go into a concurrent queue, and a flag set by compare-and-swap says the scheduler is queued to the
/// pool or running, so one queuer of many sends it there. A runner that finds the queue empty clears the flag and
/// then looks once more, since a task queued between its look and the clearing saw the flag still set.
/// </para>
/// </remarks>
internal sealed class ActivationTaskScheduler(string name) : TaskScheduler, IThreadPoolWorkItem
{
    // A slice ends after this many items or this long, whichever comes first, and the scheduler goes to the back of
    // the global queue: one busy grain (whose pump requeues itself here after each batch) cannot hold a thread.
    private const int MaxItemsPerSlice = 64;
    private const long SliceMilliseconds = 10;

    [ThreadStatic]
    private static ActivationTaskScheduler? _running;

    private readonly ConcurrentQueue<Task> _queue = new();

    // 1 while this scheduler is queued to the pool or running there.
    private int _scheduled;

    /// <summary>The scheduler whose work item is running on this thread, if any.</summary>
    public static ActivationTaskScheduler? RunningOnThisThread => _running;

    public string Name { get; } = name;

    public override int MaximumConcurrencyLevel => 1;

    public int QueuedCount => _queue.Count;

    /// <summary>For tests: runs when the runner has found the queue empty, before it clears its flag.</summary>
    internal Action? OnQueueFoundEmpty { get; set; }

    /// <summary>Starts runtime work here without the caller's execution context: grain code must not see a stranger's AsyncLocals.</summary>
    public void StartWithoutFlow(Task task)
    {
        if (ExecutionContext.IsFlowSuppressed())
        {
            task.Start(this);
            return;
        }

        using (ExecutionContext.SuppressFlow())
        {
            task.Start(this);
        }
    }

    /// <summary>Runs <paramref name="work"/> here, without the caller's execution context, and returns its task.</summary>
    public Task RunWithoutFlow(Func<Task> work)
    {
        var task = new Task<Task>(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach);
        StartWithoutFlow(task);
        return task.Unwrap();
    }

    protected override void QueueTask(Task task)
    {
        _queue.Enqueue(task);

        // A full fence after the enqueue: a runner that clears the flag after this fails looks at the queue again.
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    // Inlining is safe only on the thread that already holds this activation's turn.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        _running == this && !taskWasPreviouslyQueued && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    void IThreadPoolWorkItem.Execute()
    {
        var previous = _running;
        _running = this;
        var sliceEnds = Environment.TickCount64 + SliceMilliseconds;
        try
        {
            for (var i = 0; i < MaxItemsPerSlice && Environment.TickCount64 < sliceEnds; i++)
            {
                if (_queue.TryDequeue(out var next))
                {
                    TryExecuteTask(next);
                }
                else if (!StayAfterEmpty())
                {
                    return;
                }
            }
        }
        finally
        {
            _running = previous;
        }

        // Slice used up, perhaps with work left: go to the back of the pool's queue, still marked scheduled.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    /// <summary>Clears the flag; true when a task arrived meanwhile and this runner got the flag back to run it.</summary>
    private bool StayAfterEmpty()
    {
        OnQueueFoundEmpty?.Invoke();
        Interlocked.Exchange(ref _scheduled, 0);
        return !_queue.IsEmpty && Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0;
    }

    public override string ToString() => $"Scheduler({Name})";
}
