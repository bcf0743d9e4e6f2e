namespace OrleansBank.Runtime;

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{T}"/> to be filled by the runtime.</summary>
/// <param name="stateName">The state's name, unique within the grain type.</param>
/// <param name="storageName">The storage provider's name; null for the default provider.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute, IFacetMetadata
{
    /// <summary>The state's name.</summary>
    public string StateName { get; } = stateName;

    /// <summary>The storage provider's name; null means <see cref="GrainStorage.DefaultProviderName"/>.</summary>
    public string? StorageName { get; } = storageName;
}
