namespace OrleansBank.Runtime;

/// <summary>
/// Work a silo does once as it starts (Orleans' IStartupTask): after its stores are ready, its gateway listens and it
/// has joined its cluster (every hosted service's StartAsync is done), so grains can be called; and before it
/// reports itself started, so it is not ready (/health/ready) until every task has finished. A task that throws stops
/// the silo, naming the task.
/// </summary>
public interface IStartupTask
{
    /// <summary>Does the work; <paramref name="cancellationToken"/> is cancelled if the host gives up starting.</summary>
    Task Execute(CancellationToken cancellationToken);
}
