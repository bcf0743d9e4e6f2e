using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Grains;

/// <summary>One member of the cluster as its membership row and, when it answers, the silo itself describe it.</summary>
/// <param name="Address">The silo endpoint other silos use, <c>host:port</c>.</param>
/// <param name="Generation">The incarnation: its start time in Unix milliseconds.</param>
/// <param name="Status">Where the silo is in its life; serialized lower camel case (active, dead, ...).</param>
/// <param name="Gateway">Where clients connect, <c>host:port</c>, or null without a gateway.</param>
/// <param name="Http">The silo's HTTP base address, or null without HTTP.</param>
/// <param name="Activations">Activations by grain type (e.g. "account"), or null when the silo did not answer.</param>
/// <param name="LastHeartbeat">The silo's last heartbeat written to the table.</param>
public sealed record ClusterMember(
    string Address,
    long Generation,
    SiloStatus Status,
    string? Gateway,
    string? Http,
    IReadOnlyDictionary<string, int>? Activations,
    DateTimeOffset LastHeartbeat);
