namespace OrleansBank.Runtime;

/// <summary>Lets an activation of this grain class interleave requests at their await points.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;
