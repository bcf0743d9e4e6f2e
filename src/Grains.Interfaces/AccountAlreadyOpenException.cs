namespace OrleansBank.Grains;

/// <summary>The account was already opened by another operation.</summary>
public sealed class AccountAlreadyOpenException(string accountId, string owner)
    : AccountException($"Account '{accountId}' is already open (owner: {owner}).");
