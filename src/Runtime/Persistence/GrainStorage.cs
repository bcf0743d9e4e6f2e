namespace OrleansBank.Runtime;

/// <summary>Names shared by storage providers.</summary>
public static class GrainStorage
{
    /// <summary>The provider used when <see cref="PersistentStateAttribute.StorageName"/> is null.</summary>
    public const string DefaultProviderName = "Default";

    /// <summary>The configuration section a named provider binds its options from: GrainStorage:{name}.</summary>
    public static string ConfigurationSection(string name) => $"GrainStorage:{name}";
}
