namespace OrleansBank.Grains.Tests.Cluster;

/// <summary>
/// Closed while the test kills or restarts a silo, open once the cluster has settled again: a caller whose outcome
/// was unknown waits here before it retries, as a client backs off until the cluster answers again.
/// </summary>
public sealed class SettledGate
{
    private readonly object _lock = new();
    private TaskCompletionSource _open = Opened();

    /// <summary>Completes when the gate is open.</summary>
    public Task WhenOpen
    {
        get
        {
            lock (_lock)
            {
                return _open.Task;
            }
        }
    }

    public void Close()
    {
        lock (_lock)
        {
            if (_open.Task.IsCompleted)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    public void Open()
    {
        lock (_lock)
        {
            _open.TrySetResult();
        }
    }

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        open.SetResult();
        return open;
    }
}
