namespace OrleansBank.Silo.Dashboard;

/// <summary>Group commits summed over the cluster, over the window.</summary>
/// <param name="BatchesPerSecond">Group commits per second.</param>
/// <param name="EventsPerBatch">Mean events per commit, or null without commits.</param>
/// <param name="P50Ms">Median commit time in milliseconds, or null.</param>
/// <param name="P99Ms">99th percentile commit time in milliseconds, or null.</param>
/// <param name="Batches">Group commits since the silos started.</param>
internal sealed record DashboardStorage(double BatchesPerSecond, double? EventsPerBatch, double? P50Ms, double? P99Ms, long Batches);
