using System.Diagnostics.Metrics;

using OrleansBank.Runtime.Metrics;

namespace OrleansBank.Runtime.Cluster;

/// <summary>Membership as this silo sees it: status changes it read in the table, and suspicion votes it wrote.</summary>
internal sealed class MembershipMetrics
{
    private readonly Counter<long> _changes;
    private readonly Counter<long> _suspicions;

    public MembershipMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(OrleansBankMeter.Name);
        _changes = meter.CreateCounter<long>("orleansbank.membership.changes", "{change}", "Silo status changes this silo read in the membership table, by the new status.");
        _suspicions = meter.CreateCounter<long>("orleansbank.membership.suspicions", "{vote}", "Suspicion votes this silo wrote against peers that missed their probes.");
    }

    /// <summary>Counts a silo seen entering <paramref name="status"/>.</summary>
    public void Changed(SiloStatus status)
    {
        if (_changes.Enabled)
        {
            _changes.Add(1, new KeyValuePair<string, object?>("status", StatusTag(status)));
        }
    }

    public void Suspected() => _suspicions.Add(1);

    private static string StatusTag(SiloStatus status) => status switch
    {
        SiloStatus.Joining => "joining",
        SiloStatus.Active => "active",
        SiloStatus.ShuttingDown => "shuttingdown",
        SiloStatus.Dead => "dead",
        _ => "unknown",
    };
}
