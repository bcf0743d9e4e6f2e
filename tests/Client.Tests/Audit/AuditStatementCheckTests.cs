using OrleansBank.Client.Audit;
using OrleansBank.Grains;

namespace OrleansBank.Client.Tests.Audit;

public class AuditStatementCheckTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UnixEpoch;

    private static readonly Dictionary<string, (string From, string To, decimal Amount, TransferStatus? Outcome)> Posted = new()
    {
        ["t1"] = ("a", "b", 30m, TransferStatus.Posted),
        ["t2"] = ("a", "b", 500m, TransferStatus.Declined),
    };

    [Fact]
    public void Check_ConsistentStatement_FindsNothing()
    {
        var ledger = new AuditLedger();

        AuditStatementCheck.Check("a", [Deposit(1, 100m, 100m), Out(2, "t1", 30m, 70m)], 70m, Posted, ledger);

        Assert.Empty(ledger.Anomalies);
    }

    [Fact]
    public void Check_AStepThatDoesNotAddUp_IsAnAnomaly()
    {
        var ledger = new AuditLedger();

        AuditStatementCheck.Check("a", [Deposit(1, 100m, 100m), Out(2, "t1", 30m, 80m)], 80m, Posted, ledger);

        Assert.Contains(ledger.Anomalies, a => a.Contains("the entries before it give 70", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_PostedTransferMissingOrTwice_IsAnAnomaly()
    {
        var missing = new AuditLedger();
        var twice = new AuditLedger();

        AuditStatementCheck.Check("a", [Deposit(1, 100m, 100m)], 100m, Posted, missing);
        AuditStatementCheck.Check("a", [Deposit(1, 100m, 100m), Out(2, "t1", 30m, 70m), Out(3, "t1", 30m, 40m)], 40m, Posted, twice);

        Assert.Contains(missing.Anomalies, a => a.Contains("has 0 entries on account 'a'; expected 1", StringComparison.Ordinal));
        Assert.Contains(twice.Anomalies, a => a.Contains("has 2 entries on account 'a'; expected 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_NegativeBalance_IsCounted()
    {
        var ledger = new AuditLedger();

        AuditStatementCheck.Check("a", [Deposit(1, 10m, 10m), new LedgerEntry(2, "w", LedgerEntryKind.Withdrawal, 20m, -10m, At)], -10m, Posted, ledger);

        Assert.Equal(1, ledger.NegativeSeen);
    }

    private static LedgerEntry Deposit(long sequence, decimal amount, decimal after) => new(sequence, $"d{sequence}", LedgerEntryKind.Deposit, amount, after, At);

    private static LedgerEntry Out(long sequence, string transferId, decimal amount, decimal after) =>
        new(sequence, transferId, LedgerEntryKind.TransferOut, amount, after, At, transferId, "b");
}
