namespace OrleansBank.Runtime;

/// <summary>The activation a grain instance lives in, as constructor facets see it: its identity, services and lifecycle.</summary>
public interface IGrainContext
{
    /// <summary>The grain this activation is an instance of.</summary>
    GrainId GrainId { get; }

    /// <summary>The silo's service provider.</summary>
    IServiceProvider Services { get; }

    /// <summary>Asks the activation to deactivate: running requests finish first; the next call activates the grain afresh.</summary>
    /// <param name="reason">Why, for logs and OnDeactivateAsync.</param>
    void Deactivate(DeactivationReason reason);
}
