namespace OrleansBank.Runtime;

/// <summary>The activation a grain instance lives in, as the grain and its constructor facets see it: identity, factory, services, lifecycle.</summary>
public interface IGrainContext
{
    /// <summary>The grain this activation is an instance of.</summary>
    GrainId GrainId { get; }

    /// <summary>A factory for references to other grains; calls made from this activation's requests carry their call chain.</summary>
    IGrainFactory GrainFactory { get; }

    /// <summary>The silo's service provider.</summary>
    IServiceProvider Services { get; }

    /// <summary>Asks the activation to deactivate: running requests finish first; the next call activates the grain afresh.</summary>
    /// <param name="reason">Why, for logs and OnDeactivateAsync.</param>
    void Deactivate(DeactivationReason reason);

    /// <summary>Deactivates once no request is running any more; the next call activates the grain afresh.</summary>
    void DeactivateOnIdle();
}
