using System.Collections.Concurrent;

namespace OrleansBank.TestingHost.Tests.TestGrains;

/// <summary>Shared by a test and its probe grains: what they did, and gates that hold them until the test says so.</summary>
public sealed class Probe
{
    private readonly ConcurrentQueue<string> _log = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new();

    public IReadOnlyList<string> Log => [.. _log];

    public void Record(string entry)
    {
        _log.Enqueue(entry);
        Signal(entry).TrySetResult();
    }

    /// <summary>Completes when <paramref name="entry"/> has been recorded; fails naming it if it never is.</summary>
    public async Task WaitFor(string entry)
    {
        try
        {
            await Signal(entry).Task.WaitAsync(Poll.DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"'{entry}' was not recorded within {Poll.DefaultTimeout}. Log so far: {string.Join(", ", Log)}");
        }
    }

    public Task Gate(string name) => Signal("release:" + name).Task;

    public void Release(string name) => Signal("release:" + name).TrySetResult();

    /// <summary>Opens every gate, so nothing is left holding a turn when the silo stops.</summary>
    public void ReleaseAll()
    {
        foreach (var signal in _signals.Values)
        {
            signal.TrySetResult();
        }
    }

    private TaskCompletionSource Signal(string name) =>
        _signals.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
