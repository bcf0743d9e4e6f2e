namespace OrleansBank.Runtime;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReasonCode
{
    /// <summary>The activation was idle longer than its collection age.</summary>
    ActivationIdle,

    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,

    /// <summary>Activation failed.</summary>
    ActivationFailed,

    /// <summary>A write of the grain's state failed, so its memory may be ahead of the store.</summary>
    StorageFailed,
}
