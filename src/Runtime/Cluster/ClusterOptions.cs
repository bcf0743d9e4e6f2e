namespace OrleansBank.Runtime;

/// <summary>Which cluster a silo or client belongs to, and the secret its members prove they share.</summary>
/// <remarks>
/// Bound from the configuration section "Cluster" (e.g. <c>Cluster__ClusterSecret</c> in the environment). Silos that
/// share a store and a cluster id form one cluster; every membership and directory row is scoped by the id.
/// </remarks>
public sealed class ClusterOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Cluster";

    /// <summary>The default cluster id.</summary>
    public const string DefaultClusterId = "orleansbank";

    /// <summary>The smallest secret accepted: a short one can be guessed offline from one captured handshake.</summary>
    public const int MinimumSecretLength = 16;

    /// <summary>The cluster's name: silo links from another cluster are refused. Default: "orleansbank".</summary>
    public string ClusterId { get; set; } = DefaultClusterId;

    /// <summary>
    /// A secret every silo and client of the cluster knows, proven in each handshake by a challenge-response (it never
    /// crosses the wire); peers without it are refused. Default: none, and then anyone who reaches the ports can call grains.
    /// </summary>
    public string? ClusterSecret { get; set; }

    /// <summary>True when a secret is configured.</summary>
    public bool HasSecret => !string.IsNullOrEmpty(ClusterSecret);

    /// <summary>Every problem with these options, each as a sentence; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (Cluster.ClusterOptionsValidator.Problem(ClusterId) is { } problem)
        {
            yield return $"Cluster:{problem}";
        }

        if (ClusterSecret is { Length: > 0 } secret && secret.Length < MinimumSecretLength)
        {
            yield return $"Cluster:ClusterSecret must be at least {MinimumSecretLength} characters (it is {secret.Length}): use a long random string, e.g. from `openssl rand -base64 32`.";
        }
    }
}
