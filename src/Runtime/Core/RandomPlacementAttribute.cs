namespace OrleansBank.Runtime;

/// <summary>Places new activations of this grain class on a random active silo (the default).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RandomPlacementAttribute() : PlacementAttribute(PlacementStrategy.Random);
