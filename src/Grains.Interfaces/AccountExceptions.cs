namespace OrleansBank.Grains;

/// <summary>A request the account cannot accept in its present state; nothing was changed.</summary>
public class AccountException(string message) : InvalidOperationException(message);

/// <summary>The account has never been opened.</summary>
public sealed class AccountNotOpenException(string accountId)
    : AccountException($"Account '{accountId}' is not open: open it first.");

/// <summary>The account has been closed.</summary>
public sealed class AccountClosedException(string accountId)
    : AccountException($"Account '{accountId}' is closed: it accepts no further changes.");

/// <summary>The account was already opened by another operation.</summary>
public sealed class AccountAlreadyOpenException(string accountId, string owner)
    : AccountException($"Account '{accountId}' is already open (owner: {owner}).");

/// <summary>An operation id was reused for a different request.</summary>
public sealed class OperationIdConflictException(string operationId, string firstUse, string thisUse)
    : AccountException($"Operation id '{operationId}' was already used for {firstUse}; it cannot be reused for {thisUse}.");
