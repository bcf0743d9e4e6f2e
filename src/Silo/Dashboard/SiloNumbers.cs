namespace OrleansBank.Silo.Dashboard;

/// <summary>What GET /dashboard/silo.json answers: one silo's own numbers, which the silo serving a page asks each peer for.</summary>
/// <param name="Address">The silo endpoint, <c>host:port</c>.</param>
/// <param name="Generation">This incarnation's start time in Unix milliseconds.</param>
/// <param name="Activations">Activations alive now, all grain types.</param>
/// <param name="CpuPercent">CPU used since the previous reading, as a share of all the machine's cores.</param>
/// <param name="MemoryBytes">The process's working set.</param>
/// <param name="Metrics">The meter's totals since the silo started.</param>
internal sealed record SiloNumbers(string Address, long Generation, int Activations, double CpuPercent, long MemoryBytes, SiloMetrics Metrics);
