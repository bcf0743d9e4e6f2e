using System.Collections.Concurrent;
using System.Threading.Channels;

namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>Connections through pipes inside one process: the same framing and handshake as TCP, with no sockets.</summary>
public sealed class InMemoryNetwork
{
    private int _nextPort = 20000;

    internal ConcurrentDictionary<string, Channel<(Stream, string)>> Listeners { get; } = new();

    /// <summary>A port number not handed out before on this network, for listeners asked to bind port 0.</summary>
    internal int NextFreePort() => Interlocked.Increment(ref _nextPort);
}
