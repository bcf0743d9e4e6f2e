namespace OrleansBank.Runtime;

/// <summary>Identity helpers on grains and grain references, as in Orleans.</summary>
public static class GrainExtensions
{
    /// <summary>The grain id of a grain or a grain reference.</summary>
    public static GrainId GetGrainId(this IAddressable grain) => grain is IGrainIdentity identity
        ? identity.GrainId
        : throw new ArgumentException($"{grain.GetType().Name} is neither a grain nor a grain reference.", nameof(grain));

    /// <summary>The string key of a grain or reference.</summary>
    public static string GetPrimaryKeyString(this IAddressable grain) => grain.GetGrainId().Key;

    /// <summary>The <see cref="Guid"/> key of a grain or reference.</summary>
    public static Guid GetPrimaryKey(this IAddressable grain) => Guid.ParseExact(grain.GetGrainId().Key, "N");

    /// <summary>The integer key of a grain or reference.</summary>
    public static long GetPrimaryKeyLong(this IAddressable grain) =>
        long.Parse(grain.GetGrainId().Key, System.Globalization.CultureInfo.InvariantCulture);
}
