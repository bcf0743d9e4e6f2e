namespace OrleansBank.Runtime.Activation;

/// <summary>
/// Points at a live activation until it retires: a grain reference keeps one to send its next call straight to the
/// activation, skipping the locator and the catalog's lookup. A small object of its own, so a reference that outlives
/// the activation keeps neither the activation nor its grain's state in memory.
/// </summary>
internal sealed class ActivationHandle(ActivationData activation)
{
    private ActivationData? _activation = activation;

    /// <summary>The activation, or null once it has retired.</summary>
    public ActivationData? Activation => Volatile.Read(ref _activation);

    public void Clear() => Volatile.Write(ref _activation, null);
}
