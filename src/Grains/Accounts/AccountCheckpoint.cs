namespace OrleansBank.Grains;

/// <summary>Where an account stood after an event: replaying the log from here rebuilds the history after it.</summary>
/// <param name="Version">The event's version in the account's log.</param>
/// <param name="LedgerCount">How many ledger entries the account had then.</param>
/// <param name="Balance">The balance then.</param>
public sealed record AccountCheckpoint(long Version, long LedgerCount, decimal Balance);
