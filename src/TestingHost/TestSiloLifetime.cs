using OrleansBank.Runtime.Cluster;

namespace OrleansBank.TestingHost;

/// <summary>
/// A test cluster silo's lifetime: a silo the cluster declared dead stops alone, while the test process and the other
/// silos carry on (Orleans' own TestCluster stopped the whole test host, dotnet/orleans#10409).
/// </summary>
internal sealed class TestSiloLifetime(Func<string, Task> stopSilo) : ISiloLifetime
{
    private int _stopping;

    /// <summary>The task of the stop this lifetime began, once it did.</summary>
    public Task? Stopping { get; private set; }

    public void StopSilo(string reason)
    {
        if (Interlocked.Exchange(ref _stopping, 1) == 0)
        {
            // Off the caller's thread: the caller is a membership loop, which the stop it starts waits for.
            Stopping = Task.Run(() => stopSilo(reason));
        }
    }
}
