namespace OrleansBank.Runtime;

/// <summary>Where a silo listens.</summary>
public sealed class EndpointOptions
{
    /// <summary>The address to bind: an IP, "localhost" or "*". Default: 127.0.0.1, this machine only.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The port for silo-to-silo traffic. Default: 11111. 0 picks a free port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port clients connect to. Default: 30000. 0 picks a free port.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos and clients use to reach this silo, written into its silo address and membership row.
    /// Null: the listen address, or 127.0.0.1 when listening on every interface.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>The silo's HTTP base address as others must use it (e.g. <c>http://127.0.0.1:8080</c>); null without HTTP.</summary>
    public string? HttpEndpoint { get; set; }
}
