namespace OrleansBank.Grains;

/// <summary>The account has never been opened.</summary>
public sealed class AccountNotOpenException(string accountId)
    : AccountException($"Account '{accountId}' is not open: open it first.");
