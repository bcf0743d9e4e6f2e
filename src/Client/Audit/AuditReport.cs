namespace OrleansBank.Client.Audit;

/// <summary>What an audit did and found; its JSON is the audit's --json output.</summary>
/// <param name="Accounts">How many accounts it opened.</param>
/// <param name="Transfers">How many transfers it sent (each under its own id, however often retried).</param>
/// <param name="Posted">How many of them posted.</param>
/// <param name="Declined">How many were declined for insufficient funds.</param>
/// <param name="Retried">How many needed more than one send (an unknown outcome, retried with the same id).</param>
/// <param name="TotalBefore">The sum of the opening balances.</param>
/// <param name="TotalAfter">The sum of the balances at the end.</param>
/// <param name="NegativeSeen">How many reads, results or statement entries showed a negative balance.</param>
/// <param name="PendingLeft">How many transfer legs were still pending at the end.</param>
/// <param name="Anomalies">Each broken invariant, as a sentence; empty when the books balance.</param>
internal sealed record AuditReport(
    int Accounts,
    int Transfers,
    int Posted,
    int Declined,
    int Retried,
    decimal TotalBefore,
    decimal TotalAfter,
    int NegativeSeen,
    int PendingLeft,
    IReadOnlyList<string> Anomalies);
