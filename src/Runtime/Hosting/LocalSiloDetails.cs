using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OrleansBank.Runtime.Hosting;

/// <summary>This silo's address and endpoints, fixed when the silo's services are built (a gateway on port 0 once bound).</summary>
internal sealed class LocalSiloDetails(SiloAddress siloAddress, Func<string?>? gatewayEndpoint = null, string? httpEndpoint = null) : ILocalSiloDetails
{
    private static long _lastGeneration;

    public SiloAddress SiloAddress { get; } = siloAddress;

    /// <summary>Read when asked, not at construction: with gateway port 0 the port is known only once the gateway listens.</summary>
    public string? GatewayEndpoint => gatewayEndpoint?.Invoke();

    public string? HttpEndpoint { get; } = httpEndpoint;

    /// <summary>
    /// Host and silo port from the endpoint options, generation from the clock. Silo port 0 is resolved here, because
    /// the address names call chains from the first call on: by <paramref name="bindSiloPort"/>, which binds the
    /// listener now and returns its port, so no other process can take the port before the silo listens on it.
    /// Without a listener (no gateway) a free port is only reserved by name. <paramref name="boundGateway"/> gives the
    /// gateway's bound endpoint (null before it listens), for a gateway port of 0.
    /// </summary>
    public static LocalSiloDetails Create(EndpointOptions endpoints, TimeProvider time, Func<int>? bindSiloPort = null, Func<string?>? boundGateway = null)
    {
        var host = AdvertisedHost(endpoints);
        var port = endpoints.SiloPort != 0 ? endpoints.SiloPort
            : bindSiloPort is not null ? bindSiloPort()
            : FreePort(endpoints.ListenAddress);
        Func<string?>? gateway = boundGateway is null ? null : () => GatewayEndpointOf(host, endpoints.GatewayPort, boundGateway());
        return new LocalSiloDetails(new SiloAddress(host, port, UniqueGeneration(time)), gateway, endpoints.HttpEndpoint);
    }

    /// <summary>The host others use: the advertised address, else the listen address (127.0.0.1 or ::1 for every interface).</summary>
    public static string AdvertisedHost(EndpointOptions endpoints) =>
        !string.IsNullOrWhiteSpace(endpoints.AdvertisedAddress) ? endpoints.AdvertisedAddress.Trim().Trim('[', ']')
        : endpoints.ListenAddress is "*" or "0.0.0.0" ? "127.0.0.1"
        : endpoints.ListenAddress == "::" ? "::1"
        : endpoints.ListenAddress.Trim('[', ']');

    private static string? GatewayEndpointOf(string host, int configuredPort, string? bound)
    {
        var port = configuredPort;
        if (port == 0)
        {
            var colon = bound?.LastIndexOf(':') ?? -1;
            if (colon < 0 || !int.TryParse(bound.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port == 0)
            {
                return null;
            }
        }

        var text = port.ToString(CultureInfo.InvariantCulture);
        return host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{text}" : $"{host}:{text}";
    }

    /// <summary>
    /// The start time, moved on by a millisecond if another silo of this process already took it: silos in one process
    /// (tests, a frozen test clock) may share host and port, and must still have different addresses.
    /// </summary>
    private static long UniqueGeneration(TimeProvider time)
    {
        var now = SiloAddress.NewGeneration(time);
        while (true)
        {
            var last = Volatile.Read(ref _lastGeneration);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _lastGeneration, next, last) == last)
            {
                return next;
            }
        }
    }

    private static int FreePort(string listenAddress)
    {
        var address = listenAddress switch
        {
            "*" or "0.0.0.0" => IPAddress.Any,
            "::" => IPAddress.IPv6Any,
            "localhost" => IPAddress.Loopback,
            _ => IPAddress.TryParse(listenAddress.Trim('[', ']'), out var parsed) ? parsed : IPAddress.Loopback,
        };
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
