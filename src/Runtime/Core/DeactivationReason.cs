namespace OrleansBank.Runtime;

/// <summary>Why an activation is being deactivated, with a description for logs.</summary>
public readonly record struct DeactivationReason(DeactivationReasonCode Code, string Description);
