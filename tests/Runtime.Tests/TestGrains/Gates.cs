using System.Collections.Concurrent;

namespace OrleansBank.Runtime.Tests.TestGrains;

/// <summary>Shared between a test and its grains: named signals, release gates, and an ordered event log.</summary>
public sealed class Gates
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new();
    private readonly ConcurrentQueue<string> _log = new();
    private volatile bool _allReleased;

    public IReadOnlyList<string> Log => [.. _log];

    public void Record(string entry) => _log.Enqueue(entry);

    public TaskCompletionSource Signal(string name)
    {
        var signal = _signals.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_allReleased)
        {
            signal.TrySetResult();
        }

        return signal;
    }

    /// <summary>Waits for a signal with a deadline, naming it if it never comes.</summary>
    public async Task WaitFor(string name, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TestingHost.Poll.DefaultTimeout;
        try
        {
            await Signal(name).Task.WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Signal '{name}' was not raised within {limit}. Log so far: {string.Join(", ", Log)}");
        }
    }

    public void Raise(string name) => Signal(name).TrySetResult();

    /// <summary>Releases every gate, now and later, so no grain is left hanging when the silo stops.</summary>
    public void ReleaseAll()
    {
        _allReleased = true;
        foreach (var signal in _signals.Values)
        {
            signal.TrySetResult();
        }
    }
}
