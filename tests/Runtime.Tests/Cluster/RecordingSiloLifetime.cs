using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>Counts stop requests and lets a test await the first, as a TestCluster would stop just that silo.</summary>
internal sealed class RecordingSiloLifetime : ISiloLifetime
{
    private readonly TaskCompletionSource<string> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public Task<string> Stopped => _stopped.Task;

    public void StopSilo(string reason)
    {
        Interlocked.Increment(ref _count);
        _stopped.TrySetResult(reason);
    }
}
