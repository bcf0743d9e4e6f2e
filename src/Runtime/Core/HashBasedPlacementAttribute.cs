namespace OrleansBank.Runtime;

/// <summary>
/// Places new activations of this grain class by a consistent hash of the grain id over the active silos, so a silo
/// joining or leaving moves only its share of the grains.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class HashBasedPlacementAttribute() : PlacementAttribute(PlacementStrategy.HashBased);
