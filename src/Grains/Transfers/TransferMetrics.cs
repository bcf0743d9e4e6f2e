using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using OrleansBank.Runtime.Metrics;

namespace OrleansBank.Grains;

/// <summary>
/// The bank's transfer instruments on the silo's "OrleansBank" meter: decisions (posted, declined), and the transfers
/// in flight whose grain is active on this silo, with the age of the oldest. One per silo, found by its meter factory.
/// </summary>
internal sealed class TransferMetrics
{
    private static readonly ConditionalWeakTable<IMeterFactory, TransferMetrics> BySilo = [];
    private static readonly KeyValuePair<string, object?> Posted = new("status", "posted");
    private static readonly KeyValuePair<string, object?> Declined = new("status", "declined");

    private readonly ConcurrentDictionary<string, DateTimeOffset> _inFlight = new(StringComparer.Ordinal);
    private readonly Counter<long> _decided;
    private readonly TimeProvider _time;

    private TransferMetrics(IMeterFactory meters, TimeProvider time)
    {
        _time = time;
        var meter = meters.Create(OrleansBankMeter.Name);
        _decided = meter.CreateCounter<long>("orleansbank.transfers", "{transfer}", "Transfers decided on this silo, by decision: posted or declined.");
        meter.CreateObservableGauge(
            "orleansbank.transfers.pending", () => (long)_inFlight.Count, "{transfer}", "Transfers requested and not yet completed whose grain is active on this silo.");
        meter.CreateObservableGauge(
            "orleansbank.transfers.oldest_pending.age", OldestAge, "s", "How long ago the oldest of those transfers was requested; 0 when none.");
    }

    /// <summary>The silo's transfer metrics, created with its first transfer.</summary>
    public static TransferMetrics For(IMeterFactory meters, TimeProvider time) => BySilo.GetValue(meters, m => new TransferMetrics(m, time));

    public void Decided(TransferStatus decision)
    {
        if (_decided.Enabled)
        {
            _decided.Add(1, decision == TransferStatus.Posted ? Posted : Declined);
        }
    }

    /// <summary>A transfer requested at <paramref name="requestedAt"/> is in flight on this silo.</summary>
    public void InFlight(string transferId, DateTimeOffset requestedAt) => _inFlight[transferId] = requestedAt;

    /// <summary>The transfer completed, or its activation left this silo.</summary>
    public void Gone(string transferId) => _inFlight.TryRemove(transferId, out _);

    private double OldestAge()
    {
        var oldest = DateTimeOffset.MaxValue;
        foreach (var requestedAt in _inFlight.Values)
        {
            oldest = requestedAt < oldest ? requestedAt : oldest;
        }

        return oldest == DateTimeOffset.MaxValue ? 0 : Math.Max(0, (_time.GetUtcNow() - oldest).TotalSeconds);
    }
}
