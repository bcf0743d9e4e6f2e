namespace OrleansBank.Runtime;

/// <summary>Overrides how long an idle activation of this grain class lives before it is collected.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class CollectionAgeLimitAttribute : Attribute
{
    /// <summary>Minutes of idleness before collection.</summary>
    public double Minutes { get; init; }

    /// <summary>The age limit as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan AgeLimit => TimeSpan.FromMinutes(Minutes);
}
