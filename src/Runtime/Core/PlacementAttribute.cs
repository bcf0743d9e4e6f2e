namespace OrleansBank.Runtime;

/// <summary>Chooses the <see cref="PlacementStrategy"/> of a grain class; without one, a grain is placed at random.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public abstract class PlacementAttribute(PlacementStrategy strategy) : Attribute
{
    /// <summary>The strategy this attribute stands for.</summary>
    public PlacementStrategy Strategy { get; } = strategy;
}
