using System.Net;

namespace OrleansBank.Silo.Configuration;

/// <summary>The silo's settings, bound from the "Silo" section of configuration.</summary>
internal sealed class SiloSettings
{
    public string ListenAddress { get; set; } = "127.0.0.1";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public int HttpPort { get; set; } = 8080;

    /// <summary>"sqlite" (durable, under <see cref="DataDirectory"/>), "postgres" (durable, shared) or "memory" (lost on exit).</summary>
    public string Storage { get; set; } = "sqlite";

    public string DataDirectory { get; set; } = "data";

    /// <summary>The Npgsql connection string, with "postgres" storage.</summary>
    public string Postgres { get; set; } = "";

    /// <summary>Whether appends waiting together share one transaction; off only to measure what it buys.</summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>The most client and silo connections kept open together; unset, the runtime derives it from the open-file limit.</summary>
    public int? MaxConnections { get; set; }

    /// <summary>Whether <paramref name="value"/> is an address the silo can listen on: an IP address, localhost or *.</summary>
    public static bool IsListenAddress(string value) => value is "*" or "localhost" || IPAddress.TryParse(value, out _);

    /// <summary>The address to bind, once <see cref="CommandLine.SettingProblems"/> has found none.</summary>
    public IPAddress ListenIPAddress() => ListenAddress is "*" or "0.0.0.0" ? IPAddress.Any
        : ListenAddress == "localhost" ? IPAddress.Loopback
        : IPAddress.Parse(ListenAddress);

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

        if (MaxConnections is < 1)
        {
            yield return $"The connection limit (--max-connections) must be at least 1; got {MaxConnections}.";
        }

        if (Storage is not ("memory" or "sqlite" or "postgres"))
        {
            yield return $"The storage must be memory, sqlite or postgres; got '{Storage}'.";
        }

        if (Storage == "postgres" && string.IsNullOrWhiteSpace(Postgres))
        {
            yield return "Postgres storage needs a connection string: --postgres \"Host=...;Username=...;Password=...;Database=...\" (scripts/postgres-up.sh prints one).";
        }

        if (SiloPort != 0 && (SiloPort == GatewayPort || SiloPort == HttpPort) || GatewayPort != 0 && GatewayPort == HttpPort)
        {
            yield return $"The silo, gateway and HTTP ports must differ; got {SiloPort}, {GatewayPort} and {HttpPort}.";
        }
    }
}
