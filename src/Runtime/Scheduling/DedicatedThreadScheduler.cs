using System.Collections.Concurrent;

namespace OrleansBank.Runtime.Scheduling;

/// <summary>
/// Runs blocking work on a few threads of its own, never on the thread pool. A driver that is synchronous under its
/// async API (Microsoft.Data.Sqlite) would otherwise hold pool threads through every disk wait and lock wait, and
/// grain turns, timers and the timeout sweep would wait for the pool to grow.
/// </summary>
public sealed class DedicatedThreadScheduler : TaskScheduler, IDisposable
{
    [ThreadStatic]
    private static DedicatedThreadScheduler? _current;

    private readonly BlockingCollection<Task> _queue = [];
    private readonly int _threadCount;

    public DedicatedThreadScheduler(string name, int threadCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threadCount, 1);
        _threadCount = threadCount;
        for (var i = 0; i < threadCount; i++)
        {
            new Thread(Work) { IsBackground = true, Name = $"{name} #{i + 1}" }.Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threadCount;

    /// <summary>Runs <paramref name="work"/> on these threads; awaits inside it that complete synchronously stay here.</summary>
    public Task<T> Run<T>(Func<Task<T>> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    /// <summary>Lets the threads finish what is queued, then end.</summary>
    public void Dispose() => _queue.CompleteAdding();

    protected override void QueueTask(Task task)
    {
        try
        {
            _queue.Add(task);
        }
        catch (InvalidOperationException)
        {
            // Disposed: late work still runs rather than hang its caller; the pool is the only place left.
            ThreadPool.UnsafeQueueUserWorkItem(static s => s.Scheduler.TryExecuteTask(s.Task), (Scheduler: this, Task: task), preferLocal: false);
        }
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        _current == this && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Work()
    {
        _current = this;
        foreach (var task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }
}
