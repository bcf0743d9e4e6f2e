namespace OrleansBank.Runtime;

/// <summary>Names the grain type of a grain class; the default is the class name without a trailing "Grain", lower-cased.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string grainType) : Attribute
{
    /// <summary>The grain type name used in grain ids.</summary>
    public string GrainType { get; } = grainType;
}
