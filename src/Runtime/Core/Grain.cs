using OrleansBank.Runtime.Activation;

namespace OrleansBank.Runtime;

/// <summary>Base class of grain implementations: identity, factory, lifecycle hooks.</summary>
public abstract class Grain : IGrainBase
{
    private readonly ActivationData _activation;

    /// <summary>Binds the grain to the activation being constructed by the runtime.</summary>
    protected Grain()
    {
        _activation = ActivationData.Constructing
            ?? throw new InvalidOperationException(
                $"{GetType().Name} can only be created by the runtime: get it with IGrainFactory.GetGrain.");
    }

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => _activation.GrainId;

    /// <summary>A factory for references to other grains; calls made from here carry this grain's call chain.</summary>
    protected IGrainFactory GrainFactory => _activation.GrainFactory;

    /// <summary>The silo's service provider.</summary>
    protected IServiceProvider ServiceProvider => _activation.Services;

    /// <summary>Called on this activation's scheduler before its first request.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called on this activation's scheduler after its last request, before it is dropped.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current request completes; the next call activates it afresh.</summary>
    protected void DeactivateOnIdle() => _activation.RequestDeactivateOnIdle();

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name}({GrainId})";
}
