namespace OrleansBank.Runtime;

/// <summary>How a cluster client finds and talks to silos.</summary>
public sealed class ClientOptions
{
    /// <summary>Gateway endpoints (host:port), tried in order until one answers. Default: localhost:30000.</summary>
    public List<string> Gateways { get; set; } = ["localhost:30000"];

    /// <summary>How long connecting and the handshake may take per gateway. Default: 5 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The name the client gives the silo in its hello, for the silo's logs.</summary>
    public string ClientName { get; set; } = $"{Environment.MachineName}/{Environment.ProcessId}";
}
