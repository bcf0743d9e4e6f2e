using System.Collections.Concurrent;
using System.Threading.Channels;

namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>Connections through pipes inside one process: the same framing and handshake as TCP, with no sockets.</summary>
public sealed class InMemoryNetwork
{
    internal ConcurrentDictionary<string, Channel<(Stream, string)>> Listeners { get; } = new();
}
