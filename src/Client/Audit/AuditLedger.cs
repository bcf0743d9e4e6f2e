using System.Collections.Concurrent;
using OrleansBank.Grains;

namespace OrleansBank.Client.Audit;

/// <summary>What the workload saw, shared by its workers: every transfer's last known outcome and each anomaly.</summary>
internal sealed class AuditLedger
{
    private int _retried;
    private int _negativeSeen;

    /// <summary>Each transfer sent, by id: its terms and its outcome (null while unknown).</summary>
    public ConcurrentDictionary<string, (string From, string To, decimal Amount, TransferStatus? Outcome)> Transfers { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Anomalies { get; } = new();

    public int Retried => Volatile.Read(ref _retried);

    public int NegativeSeen => Volatile.Read(ref _negativeSeen);

    public void CountRetry() => Interlocked.Increment(ref _retried);

    /// <summary>Records a balance as read or returned; a negative one is an anomaly.</summary>
    public void SawBalance(string where, string accountId, decimal balance)
    {
        if (balance < 0m)
        {
            Interlocked.Increment(ref _negativeSeen);
            Anomalies.Enqueue($"{where} showed account '{accountId}' at {balance}, below zero.");
        }
    }
}
