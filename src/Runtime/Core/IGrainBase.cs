namespace OrleansBank.Runtime;

/// <summary>What the runtime needs of a grain instance.</summary>
public interface IGrainBase : IAddressable
{
    /// <summary>See <see cref="Grain.OnActivateAsync"/>.</summary>
    Task OnActivateAsync(CancellationToken cancellationToken);

    /// <summary>See <see cref="Grain.OnDeactivateAsync"/>.</summary>
    Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken);
}
