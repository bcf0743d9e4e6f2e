using System.Net;
using System.Net.Sockets;

namespace OrleansBank.Runtime.Hosting;

/// <summary>This silo's address, fixed when the silo's services are built.</summary>
internal sealed class LocalSiloDetails(SiloAddress siloAddress) : ILocalSiloDetails
{
    private static long _lastGeneration;

    public SiloAddress SiloAddress { get; } = siloAddress;

    /// <summary>
    /// Host and silo port from the endpoint options, generation from the clock. Silo port 0 is resolved here, because
    /// the address names call chains from the first call on: by <paramref name="bindSiloPort"/>, which binds the
    /// listener now and returns its port, so no other process can take the port before the silo listens on it.
    /// Without a listener (no gateway) a free port is only reserved by name.
    /// </summary>
    public static LocalSiloDetails Create(EndpointOptions endpoints, TimeProvider time, Func<int>? bindSiloPort = null)
    {
        var host = endpoints.ListenAddress is "*" or "0.0.0.0" or "::" ? Dns.GetHostName() : endpoints.ListenAddress;
        var port = endpoints.SiloPort != 0 ? endpoints.SiloPort
            : bindSiloPort is not null ? bindSiloPort()
            : FreePort(endpoints.ListenAddress);
        return new LocalSiloDetails(new SiloAddress(host, port, UniqueGeneration(time)));
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
