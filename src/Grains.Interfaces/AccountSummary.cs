namespace OrleansBank.Grains;

/// <summary>An account's identity and balance; from <see cref="IAccountGrain.Open"/>, also the operation id it ran under.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Owner">Who it belongs to.</param>
/// <param name="Status">Where it is in its life.</param>
/// <param name="Balance">The balance; for a replayed open, the opening balance.</param>
/// <param name="OperationId">The operation id the open ran under.</param>
/// <param name="Replayed">True when this is the first result of a repeated operation id: this call changed nothing.</param>
public sealed record AccountSummary(string AccountId, string Owner, AccountStatus Status, decimal Balance, string? OperationId = null, bool Replayed = false);
