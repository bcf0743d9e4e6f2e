namespace OrleansBank.Silo.Dashboard;

/// <summary>One message of GET /dashboard/events (and the page's first render): the cluster at one moment.</summary>
/// <param name="Time">When it was taken, Unix milliseconds.</param>
/// <param name="ClusterId">The cluster's id.</param>
/// <param name="ServedBy">The endpoint of the silo serving the page.</param>
/// <param name="WindowSeconds">The span the rates and percentiles are taken over.</param>
/// <param name="Silos">Every member the table knows, dead ones included.</param>
/// <param name="Methods">Per grain method, busiest first.</param>
/// <param name="Total">All methods together (type and method "*").</param>
/// <param name="Storage">Group commits.</param>
/// <param name="TransfersPending">Transfers in flight on the silos that answered.</param>
/// <param name="OldestPendingSeconds">Age of the oldest of them.</param>
/// <param name="History">The last minutes, one point a second, oldest first.</param>
internal sealed record DashboardSnapshot(
    long Time,
    string ClusterId,
    string ServedBy,
    double WindowSeconds,
    IReadOnlyList<DashboardSilo> Silos,
    IReadOnlyList<DashboardMethod> Methods,
    DashboardMethod Total,
    DashboardStorage Storage,
    long TransfersPending,
    double OldestPendingSeconds,
    IReadOnlyList<DashboardPoint> History);
