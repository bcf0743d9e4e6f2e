namespace OrleansBank.Benchmarks;

/// <summary>The names one benchmark run gives its PostgreSQL tables and cluster, so that runs never share rows.</summary>
/// <param name="EventLog">The grain storage's event log table.</param>
/// <param name="State">The grain storage's state table.</param>
/// <param name="ClusterId">The cluster id that scopes the run's reminder rows.</param>
internal sealed record BenchTables(string EventLog, string State, string ClusterId);
