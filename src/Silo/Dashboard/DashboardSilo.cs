namespace OrleansBank.Silo.Dashboard;

/// <summary>One member on the dashboard: its membership row, and its own numbers when it answered.</summary>
/// <param name="Address">The silo endpoint, <c>host:port</c>.</param>
/// <param name="Generation">The incarnation: its start time in Unix milliseconds.</param>
/// <param name="Status">joining, active, shuttingDown or dead, from the membership table.</param>
/// <param name="Gateway">Where clients connect, or null.</param>
/// <param name="Http">The silo's HTTP base address, or null.</param>
/// <param name="HeartbeatAgeSeconds">Seconds since the silo's last heartbeat in the table.</param>
/// <param name="Suspicions">Suspicion votes against it in its row.</param>
/// <param name="Activations">Its activations, or null when it never answered.</param>
/// <param name="CpuPercent">Its CPU share of the machine, or null.</param>
/// <param name="MemoryBytes">Its working set, or null.</param>
/// <param name="Stale">True when the numbers are the last ones it gave, because it did not answer this time.</param>
/// <param name="Self">True for the silo serving the page.</param>
internal sealed record DashboardSilo(
    string Address,
    long Generation,
    string Status,
    string? Gateway,
    string? Http,
    double HeartbeatAgeSeconds,
    int Suspicions,
    int? Activations,
    double? CpuPercent,
    long? MemoryBytes,
    bool Stale,
    bool Self);
