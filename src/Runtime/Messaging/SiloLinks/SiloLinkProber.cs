using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Messaging.SiloLinks;

/// <summary>Probes a peer over this silo's link to it: a ping answered by the peer's read loop is alive.</summary>
/// <remarks>
/// A killed process refuses the reconnect at once, so a dead peer is a fast failure, not a timeout; a hung one is
/// cut off by the membership's probe timeout through the token.
/// </remarks>
internal sealed class SiloLinkProber(SiloLinkPool links) : ISiloProber
{
    public async Task<ProbeResult> ProbeAsync(SiloAddress target, CancellationToken cancellationToken)
    {
        try
        {
            await links.Get(target).PingAsync(cancellationToken).ConfigureAwait(false);
            return ProbeResult.Ok;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.Failed("no pong before the probe timeout");
        }
        catch (Exception ex)
        {
            return ProbeResult.Failed(ex.Message);
        }
    }
}
