namespace OrleansBank.Runtime.Scheduling;

/// <summary>
/// Runs one activation's work items one at a time, in order, on the thread pool. Grain code awaits
/// capture this scheduler, so every continuation of a grain comes back here and never runs beside another.
/// </summary>
internal sealed class ActivationTaskScheduler(string name) : TaskScheduler, IThreadPoolWorkItem
{
    // A turn that yields lets other activations run after this many items, so one busy grain cannot starve the pool.
    private const int MaxItemsPerSlice = 64;

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

        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
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
        try
        {
            for (var i = 0; i < MaxItemsPerSlice; i++)
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

        // Slice used up with work left: go to the back of the pool's queue, still marked scheduled.
        ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    public override string ToString() => $"Scheduler({Name})";
}
