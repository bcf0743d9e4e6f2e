namespace OrleansBank.Grains;

/// <summary>The amount paid out on closing.</summary>
public sealed record CloseResult(string OperationId, decimal PaidOut);
