namespace OrleansBank.Grains;

/// <summary>The account has been closed.</summary>
public sealed class AccountClosedException(string accountId)
    : AccountException($"Account '{accountId}' is closed: it accepts no further changes.");
