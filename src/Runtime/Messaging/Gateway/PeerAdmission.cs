using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Messaging.Protocol;

namespace OrleansBank.Runtime.Messaging.Gateway;

/// <summary>Decides whether a peer's hello is admitted, and says why not: the reason goes to the peer and the log.</summary>
internal sealed class PeerAdmission(IOptions<ClusterOptions> cluster, ISiloStatusOracle oracle, ILocalSiloDetails localSilo)
{
    /// <summary>The cluster secret, or null when none is configured.</summary>
    public string? Secret { get; } = cluster.Value.HasSecret ? cluster.Value.ClusterSecret : null;

    public SiloAddress Local => localSilo.SiloAddress;

    /// <summary>Why a silo's hello is refused, or null when it is from this cluster, for this silo, and not dead.</summary>
    public string? RefuseSilo(SiloHello hello)
    {
        var local = localSilo.SiloAddress;
        if (!string.Equals(hello.ClusterId, cluster.Value.ClusterId, StringComparison.Ordinal))
        {
            return $"this silo {local} belongs to cluster '{cluster.Value.ClusterId}', the peer {hello.Sender} to cluster '{hello.ClusterId}' (Cluster:ClusterId must match)";
        }

        if (hello.Expected != local)
        {
            return hello.Expected.Host == local.Host && hello.Expected.Port == local.Port
                ? $"the peer {hello.Sender} expected silo {hello.Expected}, but this silo is {local}: that generation is gone (the silo restarted)"
                : $"the peer {hello.Sender} expected silo {hello.Expected}, but this is silo {local}";
        }

        if (oracle.IsDead(hello.Sender))
        {
            return $"the peer {hello.Sender} has been declared dead in cluster '{cluster.Value.ClusterId}'; a dead silo must restart as a new generation";
        }

        return RefuseSecret(hello.Nonce);
    }

    /// <summary>Why a hello is refused on the grounds of the cluster secret, or null when both sides agree to use one or not.</summary>
    public string? RefuseSecret(byte[]? peerNonce) => (Secret, peerNonce) switch
    {
        ({ }, null) => "this cluster requires the cluster secret (Cluster:ClusterSecret) and the peer offered no proof of it: configure the same secret on the peer",
        (null, { }) => "the peer expects a cluster secret, but this silo has none configured (Cluster:ClusterSecret): configure the same secret on both",
        _ => null,
    };
}
