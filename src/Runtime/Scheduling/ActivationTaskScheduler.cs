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

    // _state bits, changed only by atomic operations. Scheduled: this scheduler's work item is queued on the pool or
    // running, and will look for work before it lets go. PumpWanted: the pump asked for a run. Whoever sets Scheduled
    // from clear queues the work item. It is cleared only under the queue's lock (a short leaf lock, taken by nothing
    // else), once the queue is found empty and no pump is wanted; queued tasks set it under the same lock.
    private const int Scheduled = 1;
    private const int PumpWanted = 2;

    private readonly Queue<Task> _queue = new();
    private int _state;
    private Action<object?>? _pump;
    private object? _pumpState;

    /// <summary>For tests: runs under the queue's lock when the work item found it empty, just before it lets go.</summary>
    internal Action? OnLettingGo { get; set; }

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

    /// <summary>Sets what <see cref="RequestPump"/> runs; once, before the first request.</summary>
    public void SetPump(Action<object?> pump, object state) => (_pump, _pumpState) = (pump, state);

    /// <summary>
    /// Queues one run of the pump, as a task of this scheduler, so that grain code it starts sees this scheduler as
    /// TaskScheduler.Current. The caller makes sure only one run is queued at a time (the activation's pump claim).
    /// </summary>
    /// <remarks>
    /// Cheaper than starting a task: the caller neither makes the task nor suppresses its execution context, and takes
    /// no lock. The task is made when the pump's turn comes, on the pool thread that runs it, in the pool's clean
    /// context. Requests made before that run coalesce into it.
    /// </remarks>
    public void RequestPump()
    {
        var state = Volatile.Read(ref _state);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _state, state | Scheduled | PumpWanted, state);
            if (seen == state)
            {
                break;
            }

            state = seen;
        }

        if ((state & Scheduled) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> here, without the caller's execution context, and returns its task: grain code
    /// (OnActivateAsync, OnDeactivateAsync) must not see a stranger's AsyncLocals. A task captures the context when it
    /// is made, so it is made with the flow suppressed, not only started so.
    /// </summary>
    public Task RunWithoutFlow(Func<Task> work)
    {
        if (ExecutionContext.IsFlowSuppressed())
        {
            return Start(work);
        }

        using (ExecutionContext.SuppressFlow())
        {
            return Start(work);
        }
    }

    private Task Start(Func<Task> work)
    {
        var task = new Task<Task>(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach);
        task.Start(this);
        return task.Unwrap();
    }

    protected override void QueueTask(Task task)
    {
        lock (_queue)
        {
            _queue.Enqueue(task);
            if ((Interlocked.Or(ref _state, Scheduled) & Scheduled) != 0)
            {
                return;
            }
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
            // First in, first out, as if the pump's run were a queued task: after a run, the tasks queued by then go
            // before its next one, so a pump that asks again at once (a busy reentrant grain) cannot starve the
            // continuations of the requests it started, nor they it.
            var owed = 0;
            var countOwed = false;
            for (var i = 0; i < MaxItemsPerSlice && Environment.TickCount64 < sliceEnds; i++)
            {
                if (owed == 0 && !countOwed && TakePumpRequest())
                {
                    RunPump();
                    countOwed = true;
                    continue;
                }

                Task? next;
                lock (_queue)
                {
                    if (countOwed)
                    {
                        (owed, countOwed) = (_queue.Count, false);
                    }

                    if (!_queue.TryDequeue(out next))
                    {
                        // Nothing queued: let go, unless the pump asked meanwhile.
                        OnLettingGo?.Invoke();
                        if (Interlocked.CompareExchange(ref _state, 0, Scheduled) == Scheduled)
                        {
                            return;
                        }

                        continue;
                    }
                }

                owed = Math.Max(0, owed - 1);
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

    private bool TakePumpRequest() =>
        (Volatile.Read(ref _state) & PumpWanted) != 0 && (Interlocked.And(ref _state, ~PumpWanted) & PumpWanted) != 0;

    /// <summary>Runs the pump inside a task of this scheduler: grain code it starts sees this scheduler as TaskScheduler.Current.</summary>
    /// <remarks>
    /// Called only from <see cref="IThreadPoolWorkItem.Execute"/>, at the bottom of a pool thread's stack, where
    /// <see cref="TryExecuteTaskInline"/> accepts it (this scheduler runs here, the task is new). Were inlining refused,
    /// RunSynchronously would queue the task here and wait for it on the one thread that could run it.
    /// </remarks>
    private void RunPump() => new Task(_pump!, _pumpState, TaskCreationOptions.DenyChildAttach).RunSynchronously(this);

    public override string ToString() => $"Scheduler({Name})";
}
