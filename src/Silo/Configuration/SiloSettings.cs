using System.Net;

namespace OrleansBank.Silo.Configuration;

/// <summary>The silo's settings, bound from the "Silo" section of configuration.</summary>
internal sealed class SiloSettings
{
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The address other silos and clients use; null: the listen address (127.0.0.1 when listening on *).</summary>
    public string? AdvertisedAddress { get; set; }

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

    /// <summary>Whether <paramref name="value"/> can be advertised: an IP address that names one machine, or a host name.</summary>
    public static bool IsAdvertisedAddress(string value)
    {
        var host = value.Trim();
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
        {
            return !ip.Equals(IPAddress.Any) && !ip.Equals(IPAddress.IPv6Any) && !ip.Equals(IPAddress.Broadcast);
        }

        return host.Length > 0 && Uri.CheckHostName(host) == UriHostNameType.Dns;
    }

    /// <summary>The host others reach this silo on: the advertised address, else the listen address (127.0.0.1 for *).</summary>
    public string AdvertisedHost() =>
        !string.IsNullOrWhiteSpace(AdvertisedAddress) ? AdvertisedAddress.Trim().Trim('[', ']')
        : ListenAddress is "*" or "0.0.0.0" ? "127.0.0.1"
        : ListenAddress == "::" ? "::1"
        : ListenAddress;

    /// <summary>The HTTP base address others use, e.g. <c>http://127.0.0.1:8080</c>, for an HTTP port already resolved.</summary>
    public string HttpEndpoint(int httpPort)
    {
        var host = AdvertisedHost();
        return host.Contains(':', StringComparison.Ordinal) ? $"http://[{host}]:{httpPort}" : $"http://{host}:{httpPort}";
    }

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

        if (AdvertisedAddress is { } advertised && !IsAdvertisedAddress(advertised))
        {
            yield return $"The advertised address (--advertise) '{advertised}' is not an address other silos and clients can reach: give this machine's IP address or host name, not * or 0.0.0.0.";
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
