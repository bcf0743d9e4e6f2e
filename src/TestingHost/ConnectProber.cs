using OrleansBank.Runtime;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.TestingHost;

/// <summary>
/// Probes a peer by opening a connection to its silo port through this silo's transport: a crashed silo or a cut link
/// refuses it. Used until the runtime registers its own prober over silo links.
/// </summary>
internal sealed class ConnectProber(IConnectionTransport transport) : ISiloProber
{
    public async Task<ProbeResult> ProbeAsync(SiloAddress target, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await transport.ConnectAsync(target.Endpoint, cancellationToken);
            return ProbeResult.Ok;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            return ProbeResult.Failed(e.Message);
        }
    }
}
