namespace OrleansBank.Runtime;

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentLog{TEvent}"/> to be filled by the runtime.</summary>
/// <param name="logName">The log's name, unique within the grain type.</param>
/// <param name="storageName">The storage provider's name; null for the default provider.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentLogAttribute(string logName, string? storageName = null) : Attribute, IFacetMetadata
{
    /// <summary>The log's name.</summary>
    public string LogName { get; } = logName;

    /// <summary>The storage provider's name; null means <see cref="GrainStorage.DefaultProviderName"/>.</summary>
    public string? StorageName { get; } = storageName;
}
