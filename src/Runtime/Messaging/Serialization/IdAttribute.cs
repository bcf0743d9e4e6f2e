namespace OrleansBank.Runtime;

/// <summary>Fixes a property's field id on the wire, so it can be renamed without breaking older peers.</summary>
/// <remarks>Without it the id is a stable hash of the property name; either way, fields a peer does not know are skipped.</remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class IdAttribute(uint id) : Attribute
{
    /// <summary>The field id; must be greater than 0.</summary>
    public uint Id { get; } = id > 0 ? id : throw new ArgumentOutOfRangeException(nameof(id), "Field ids start at 1.");
}
