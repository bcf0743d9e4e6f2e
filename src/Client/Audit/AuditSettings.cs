namespace OrleansBank.Client.Audit;

/// <summary>How an audit runs: the accounts, how much work and how much at once, and the ids it uses.</summary>
/// <param name="Accounts">How many accounts to open.</param>
/// <param name="Transfers">How many transfers to send; null when <paramref name="Duration"/> bounds the run.</param>
/// <param name="Duration">How long to send transfers; null when <paramref name="Transfers"/> bounds the run.</param>
/// <param name="Concurrency">How many transfers and reads are in flight at once.</param>
/// <param name="Prefix">The prefix of the run's account and transfer ids.</param>
/// <param name="OpeningBalance">Each account's opening balance.</param>
/// <param name="Connections">How many client connections share the work.</param>
internal sealed record AuditSettings(int Accounts, int? Transfers, TimeSpan? Duration, int Concurrency, string Prefix, decimal OpeningBalance = 1_000m, int Connections = 3)
{
    /// <summary>The id of account <paramref name="i"/>.</summary>
    public string AccountId(int i) => $"{Prefix}-a{i}";

    /// <summary>The id of transfer <paramref name="i"/>.</summary>
    public string TransferId(long i) => $"{Prefix}-t{i}";
}
