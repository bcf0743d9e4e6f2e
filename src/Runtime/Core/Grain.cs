namespace OrleansBank.Runtime;

/// <summary>Base class of grain implementations: identity, factory, lifecycle hooks.</summary>
public abstract partial class Grain : IGrainBase, IGrainIdentity
{
    /// <summary>Binds the grain to the activation the runtime is constructing.</summary>
    protected Grain()
    {
        GrainContext = RuntimeContext.Current
            ?? throw new InvalidOperationException(
                $"{GetType().Name} can only be created by the runtime: get it with IGrainFactory.GetGrain.");
    }

    /// <summary>Binds the grain to <paramref name="context"/>: for grain classes that take their context as a constructor parameter.</summary>
    protected Grain(IGrainContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        GrainContext = context;
    }

    /// <summary>The activation this grain lives in.</summary>
    public IGrainContext GrainContext { get; }

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => GrainContext.GrainId;

    /// <summary>A factory for references to other grains; calls made from here carry this grain's call chain.</summary>
    protected IGrainFactory GrainFactory => GrainContext.GrainFactory;

    /// <summary>The silo's service provider.</summary>
    protected IServiceProvider ServiceProvider => GrainContext.Services;

    /// <summary>Called on this activation's scheduler before its first request.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called on this activation's scheduler after its last request, before it is dropped.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current request completes; the next call activates it afresh.</summary>
    protected void DeactivateOnIdle() => GrainContext.DeactivateOnIdle();

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name}({GrainId})";
}
