namespace OrleansBank.Client.Commands;

/// <summary>The outcome of a storm; the first five fields are the JSON contract.</summary>
/// <param name="Approved">Approved withdrawals, fresh or replayed.</param>
/// <param name="Declined">Declined withdrawals, fresh or replayed.</param>
/// <param name="BalanceBefore">The balance read before the first withdrawal.</param>
/// <param name="BalanceAfter">The balance read at the end; null when the silo did not answer.</param>
/// <param name="Conserved">Whether fresh approvals explain the balance drop; null when the balance is unknown.</param>
/// <param name="Failed">Calls that got no answer.</param>
/// <param name="NotSent">Calls not sent because the storm stopped at the first call with no answer.</param>
/// <param name="Replayed">Answers that were first results of an earlier run with the same prefix.</param>
/// <param name="OpIdPrefix">The operation ids' prefix: <c>--op-prefix</c> with it resumes the storm.</param>
/// <param name="Count">Withdrawals asked for.</param>
/// <param name="Amount">The amount of each.</param>
/// <param name="Seconds">How long the withdrawals took.</param>
/// <param name="CallsPerSecond">Calls sent per second.</param>
/// <param name="LatencyP50Ms">Median latency of the calls sent.</param>
/// <param name="LatencyP99Ms">99th percentile latency of the calls sent.</param>
internal sealed record StormReport(
    int Approved,
    int Declined,
    decimal BalanceBefore,
    decimal? BalanceAfter,
    bool? Conserved,
    int Failed,
    int NotSent,
    int Replayed,
    string OpIdPrefix,
    int Count,
    decimal Amount,
    double Seconds,
    double CallsPerSecond,
    double LatencyP50Ms,
    double LatencyP99Ms)
{
    /// <summary>Every withdrawal was answered and the final balance was read.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Complete => Failed == 0 && NotSent == 0 && BalanceAfter is not null;
}
