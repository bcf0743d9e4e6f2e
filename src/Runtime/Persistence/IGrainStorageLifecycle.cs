namespace OrleansBank.Runtime;

/// <summary>A storage provider that must prepare its store before the silo serves calls.</summary>
/// <remarks>The silo calls it at start-up; a failure stops the silo with the provider's message.</remarks>
public interface IGrainStorageLifecycle
{
    /// <summary>Opens, checks and if need be creates the store.</summary>
    /// <exception cref="GrainStorageException">The store is unusable.</exception>
    Task InitializeAsync(CancellationToken cancellationToken);
}
