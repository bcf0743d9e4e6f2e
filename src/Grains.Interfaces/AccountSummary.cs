namespace OrleansBank.Grains;

/// <summary>An account's identity and balance; from <see cref="IAccountGrain.Open"/>, also the operation id it ran under.</summary>
public sealed record AccountSummary(string AccountId, string Owner, AccountStatus Status, decimal Balance, string? OperationId = null);
