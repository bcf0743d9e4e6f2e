using System.Globalization;

namespace OrleansBank.Runtime;

/// <summary>
/// One incarnation of a silo: the host and silo port other silos reach it on, and its generation (start time, Unix
/// milliseconds), so a silo restarted on the same port is a new member. Text form: <c>host:port:generation</c>.
/// </summary>
public sealed record SiloAddress
{
    /// <summary>Creates a silo address; the host is a name or an IP address, without brackets.</summary>
    public SiloAddress(string host, int port, long generation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        Host = host.Trim('[', ']');
        Port = port;
        Generation = generation;
    }

    /// <summary>The host other silos and clients use to reach this silo.</summary>
    public string Host { get; }

    /// <summary>The silo-to-silo port.</summary>
    public int Port { get; }

    /// <summary>When this incarnation started, in Unix milliseconds.</summary>
    public long Generation { get; }

    /// <summary>The address and port alone, as <c>host:port</c> (IPv6 hosts in brackets).</summary>
    public string Endpoint => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";

    /// <summary>A new generation for a silo starting now.</summary>
    public static long NewGeneration(TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Formats as <c>host:port:generation</c>, the form <see cref="TryParse"/> reads.</summary>
    public override string ToString() => $"{Endpoint}:{Generation.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Reads <c>host:port:generation</c>; the host may be an IPv6 address in brackets.</summary>
    public static bool TryParse(string? text, out SiloAddress? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var lastColon = text.LastIndexOf(':');
        var portColon = lastColon > 0 ? text.LastIndexOf(':', lastColon - 1) : -1;
        if (portColon <= 0
            || !long.TryParse(text.AsSpan(lastColon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            || !int.TryParse(text.AsSpan(portColon + 1, lastColon - portColon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            return false;
        }

        var host = text[..portColon];
        if (host.StartsWith('[') != host.EndsWith(']') || string.IsNullOrWhiteSpace(host.Trim('[', ']')))
        {
            return false;
        }

        address = new SiloAddress(host, port, generation);
        return true;
    }

    /// <summary>Reads <c>host:port:generation</c> or throws a FormatException that shows the expected form.</summary>
    public static SiloAddress Parse(string text) =>
        TryParse(text, out var address)
            ? address!
            : throw new FormatException($"'{text}' is not a silo address: expected host:port:generation, e.g. 127.0.0.1:11111:1763790000000.");
}
