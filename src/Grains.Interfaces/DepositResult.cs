namespace OrleansBank.Grains;

/// <summary>A deposit that was applied; <paramref name="Replayed"/> when this is the first result of a repeated operation id.</summary>
public sealed record DepositResult(string OperationId, decimal Amount, decimal Balance, bool Replayed = false);
