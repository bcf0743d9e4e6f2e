namespace OrleansBank.Runtime.Persistence;

/// <summary>State the runtime loads before a grain's OnActivateAsync.</summary>
internal interface IActivationStateLoader
{
    Task LoadAsync(CancellationToken cancellationToken);
}
