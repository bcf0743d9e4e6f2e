namespace OrleansBank.Grains;

/// <summary>The answer of an account to a step of a transfer: the leg as it now stands, and the account's balances.</summary>
/// <param name="Leg">The leg after the step.</param>
/// <param name="Balance">The posted balance.</param>
/// <param name="Available">The balance less pending debits: what a withdrawal or a new debit may take.</param>
/// <param name="Replayed">True when the step had been done before: this call changed nothing.</param>
public sealed record LegResult(TransferLeg Leg, decimal Balance, decimal Available, bool Replayed = false);
