namespace OrleansBank.Silo.Dashboard;

/// <summary>One second of the time chart: calls per second and p99 latency over the whole cluster.</summary>
/// <param name="Time">Unix milliseconds.</param>
/// <param name="CallsPerSecond">Calls completed in that second.</param>
/// <param name="P99Ms">Their 99th percentile duration in milliseconds, or null without calls.</param>
internal sealed record DashboardPoint(long Time, double CallsPerSecond, double? P99Ms);
