namespace OrleansBank.Runtime;

/// <summary>This interface method does not change state: read-only requests may interleave with each other.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;
