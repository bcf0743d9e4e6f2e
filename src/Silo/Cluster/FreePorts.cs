using System.Net;
using System.Net.Sockets;

namespace OrleansBank.Silo.Cluster;

/// <summary>Picks a free TCP port, for an HTTP port of 0 that must be known before Kestrel listens.</summary>
internal static class FreePorts
{
    /// <summary>A port the operating system calls free on <paramref name="address"/> now.</summary>
    public static int Pick(IPAddress address)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(address, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
