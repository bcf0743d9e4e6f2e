namespace OrleansBank.Runtime;

/// <summary>Places new activations of this grain class on the silo the call starts on, or at random when it is not active.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class PreferLocalPlacementAttribute() : PlacementAttribute(PlacementStrategy.PreferLocal);
