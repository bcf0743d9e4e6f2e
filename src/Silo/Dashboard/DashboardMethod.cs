namespace OrleansBank.Silo.Dashboard;

/// <summary>One grain method summed over the cluster: rates and latency over the last few seconds, totals since start.</summary>
/// <param name="Type">The grain type, e.g. "account".</param>
/// <param name="Method">The interface method name.</param>
/// <param name="CallsPerSecond">Calls completed per second over the window.</param>
/// <param name="ErrorsPerSecond">Failed calls per second over the window.</param>
/// <param name="P50Ms">Median duration over the window in milliseconds, or null without calls.</param>
/// <param name="P99Ms">99th percentile duration over the window in milliseconds, or null without calls.</param>
/// <param name="Calls">Calls since the silos the dashboard knows started.</param>
/// <param name="Errors">Failed calls since then.</param>
internal sealed record DashboardMethod(string Type, string Method, double CallsPerSecond, double ErrorsPerSecond, double? P50Ms, double? P99Ms, long Calls, long Errors);
