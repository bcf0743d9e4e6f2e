namespace OrleansBank.Runtime;

/// <summary>Lets an activation of this grain class interleave requests at their await points.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>This interface method may interleave with any other request, even on a non-reentrant grain.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>This interface method does not change state: read-only requests may interleave with each other.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadOnlyAttribute : Attribute;

/// <summary>Overrides the response timeout for calls to this interface method.</summary>
/// <param name="timeout">A <see cref="TimeSpan"/> in invariant format, e.g. <c>"00:00:05"</c>.</param>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ResponseTimeoutAttribute(string timeout) : Attribute
{
    /// <summary>The timeout for calls to the method.</summary>
    public TimeSpan Timeout { get; } = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Names the grain type of a grain class; the default is the class name without a trailing "Grain", lower-cased.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string grainType) : Attribute
{
    /// <summary>The grain type name used in grain ids.</summary>
    public string GrainType { get; } = grainType;
}

/// <summary>Overrides how long an idle activation of this grain class lives before it is collected.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    /// <summary>Minutes of idleness before collection.</summary>
    public double Minutes { get; init; }

    /// <summary>The age limit as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan AgeLimit => TimeSpan.FromMinutes(Minutes);
}
