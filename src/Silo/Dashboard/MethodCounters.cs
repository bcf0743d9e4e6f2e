namespace OrleansBank.Silo.Dashboard;

/// <summary>One grain method's totals on one silo since it started: calls, failed calls, and their durations' buckets.</summary>
/// <param name="Type">The grain type on the wire, e.g. "account".</param>
/// <param name="Method">The interface method name.</param>
/// <param name="Calls">Calls completed, any outcome.</param>
/// <param name="Errors">Calls whose outcome was "error" or "timeout".</param>
/// <param name="Durations">Duration bucket counts as <see cref="LatencyHistogram.ToCounts"/> gives them.</param>
internal sealed record MethodCounters(string Type, string Method, long Calls, long Errors, long[] Durations);
