namespace OrleansBank.Runtime.Cluster;

/// <summary>Which cluster a silo belongs to: silos sharing a store and a cluster id form one cluster.</summary>
public sealed class ClusterOptions
{
    /// <summary>The default cluster id.</summary>
    public const string DefaultClusterId = "orleansbank";

    /// <summary>The configuration section the options are bound from.</summary>
    public const string ConfigurationSection = "Cluster";

    /// <summary>The cluster id every membership and directory row is scoped by. Default: orleansbank.</summary>
    public string ClusterId { get; set; } = DefaultClusterId;
}
