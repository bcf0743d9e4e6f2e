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
}
