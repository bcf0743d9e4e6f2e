namespace OrleansBank.Runtime.Metrics;

/// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> every OrleansBank instrument belongs to.</summary>
public static class OrleansBankMeter
{
    /// <summary>"OrleansBank": listeners and exporters match the runtime's and the bank's meters by this name.</summary>
    public const string Name = "OrleansBank";
}
