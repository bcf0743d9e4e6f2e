namespace OrleansBank.Grains;

/// <summary>The amount paid out on closing; <paramref name="Replayed"/> when this is the first result of a repeated operation id.</summary>
public sealed record CloseResult(string OperationId, decimal PaidOut, bool Replayed = false);
