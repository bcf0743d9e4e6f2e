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
/// </remarks>
internal sealed class ActivationTaskScheduler(string name) : TaskScheduler, IThreadPoolWorkItem
{
    // A slice ends after this many items or this long, whichever comes first, and the scheduler goes to the back of
    // the global queue: one busy grain (whose pump requeues itself here after each batch) cannot hold a thread.
    private const int MaxItemsPerSlice = 64;
    private const long SliceMilliseconds = 10;

    [ThreadStatic]
    private static ActivationTaskScheduler? _running;

    private readonly Queue<Task> _queue = new();
    private bool _scheduled;

    /// <summary>The scheduler whose work item is running on this thread, if any.</summary>
    public static ActivationTaskScheduler? RunningOnThisThread => _running;

    public string Name { get; } = name;

    public override int MaximumConcurrencyLevel => 1;

    public int QueuedCount
    {
        get
        {
            lock (_queue)
            {
                return _queue.Count;
            }
        }
    }

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
        lock (_queue)
        {
            _queue.Enqueue(task);
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    // Inlining is safe only on the thread that already holds this activation's turn.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        _running == this && !taskWasPreviouslyQueued && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_queue)
        {
            return _queue.ToArray();
        }
    }

    void IThreadPoolWorkItem.Execute()
    {
        var previous = _running;
        _running = this;
        var sliceEnds = Environment.TickCount64 + SliceMilliseconds;
        try
        {
            for (var i = 0; i < MaxItemsPerSlice && Environment.TickCount64 < sliceEnds; i++)
            {
                Task? next;
                lock (_queue)
                {
                    if (!_queue.TryDequeue(out next))
                    {
                        _scheduled = false;
                        return;
                    }
                }

                TryExecuteTask(next);
            }
        }
        finally
        {
            _running = previous;
        }

        // Slice used up, perhaps with work left: go to the back of the pool's queue, still marked scheduled.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    public override string ToString() => $"Scheduler({Name})";
}
