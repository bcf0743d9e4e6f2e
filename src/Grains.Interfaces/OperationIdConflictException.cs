namespace OrleansBank.Grains;

/// <summary>An operation id was reused for a different request.</summary>
public sealed class OperationIdConflictException(string operationId, string firstUse, string thisUse)
    : AccountException($"Operation id '{operationId}' was already used for {firstUse}; it cannot be reused for {thisUse}.");
