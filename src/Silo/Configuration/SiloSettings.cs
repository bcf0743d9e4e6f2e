namespace OrleansBank.Silo.Configuration;

/// <summary>The silo's settings, bound from the "Silo" section of configuration.</summary>
internal sealed class SiloSettings
{
    public string ListenAddress { get; set; } = "127.0.0.1";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public int HttpPort { get; set; } = 8080;

    /// <summary>"memory" (lost on exit) or "sqlite" (durable, under <see cref="DataDirectory"/>).</summary>
    public string Storage { get; set; } = "memory";

    public string DataDirectory { get; set; } = "data";

    /// <summary>Every problem with the settings, each as a sentence; empty when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (name, port) in new[] { ("silo port", SiloPort), ("gateway port", GatewayPort), ("HTTP port", HttpPort) })
        {
            if (port is < 0 or > 65535)
            {
                yield return $"The {name} must be between 0 and 65535; got {port}.";
            }
        }

        if (Storage is not ("memory" or "sqlite"))
        {
            yield return $"The storage must be memory or sqlite; got '{Storage}'.";
        }

        if (SiloPort != 0 && (SiloPort == GatewayPort || SiloPort == HttpPort) || GatewayPort != 0 && GatewayPort == HttpPort)
        {
            yield return $"The silo, gateway and HTTP ports must differ; got {SiloPort}, {GatewayPort} and {HttpPort}.";
        }
    }
}
