namespace OrleansBank.Grains;

/// <summary>
/// The outcome of a withdrawal: approved, or declined with the reason. <paramref name="Replayed"/> when this is the
/// first result of a repeated operation id, returned again: this call changed nothing.
/// </summary>
public sealed record WithdrawResult(string OperationId, decimal Amount, bool Approved, decimal Balance, string? DeclineReason, bool Replayed = false);
