namespace OrleansBank.Runtime.Cluster;

/// <summary>Asks another silo whether it is alive; implemented over the silo-to-silo links.</summary>
public interface ISiloProber
{
    /// <summary>
    /// Probes <paramref name="target"/>. The token is cancelled when the probe timeout passes; a prober should then
    /// give up (the caller counts the probe as missed either way). Failures are results, not exceptions.
    /// </summary>
    Task<ProbeResult> ProbeAsync(SiloAddress target, CancellationToken cancellationToken);
}
