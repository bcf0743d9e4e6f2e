using System.Collections.Concurrent;
using System.Threading.Channels;

namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>Connections through pipes inside one process: the same framing and handshake as TCP, with no sockets.</summary>
/// <remarks>
/// A transport may name the node it belongs to (a silo of a test cluster); the network can then crash that node (its
/// listeners and every connection to or from it dropped at once) or cut the links between two nodes, as a real network
/// fails: no goodbye frame, no flush.
/// </remarks>
public sealed class InMemoryNetwork
{
    private readonly object _lock = new();
    private readonly List<InMemoryConnection> _connections = [];
    private readonly HashSet<string> _crashed = new(StringComparer.Ordinal);
    private readonly HashSet<(string, string)> _cuts = [];
    private int _nextPort = 20000;

    internal ConcurrentDictionary<string, Channel<(Stream, string)>> Listeners { get; } = new();

    /// <summary>Which node owns each listening endpoint, for the endpoints of named nodes.</summary>
    internal ConcurrentDictionary<string, string> ListenerOwners { get; } = new();

    /// <summary>A port number not handed out before on this network, for listeners asked to bind port 0.</summary>
    internal int NextFreePort() => Interlocked.Increment(ref _nextPort);

    /// <summary>
    /// Crashes <paramref name="node"/>: its listeners close, every connection to or from it drops at once, and it can
    /// neither connect nor listen again (a restarted silo is a new node).
    /// </summary>
    internal void Crash(string node)
    {
        List<InMemoryConnection> dropped;
        lock (_lock)
        {
            _crashed.Add(node);
            dropped = Take(c => c.Touches(node));
        }

        foreach (var (endpoint, owner) in ListenerOwners)
        {
            if (owner == node && ListenerOwners.TryRemove(endpoint, out _) && Listeners.TryRemove(endpoint, out var channel))
            {
                channel.Writer.TryComplete();
            }
        }

        Drop(dropped, $"node {node} crashed");
    }

    /// <summary>Drops every connection between two nodes and refuses new ones until <see cref="Heal"/>.</summary>
    internal void Cut(string first, string second)
    {
        List<InMemoryConnection> dropped;
        lock (_lock)
        {
            _cuts.Add(Pair(first, second));
            dropped = Take(c => c.Between(first, second));
        }

        Drop(dropped, $"the link between {first} and {second} was cut");
    }

    /// <summary>Lets the two nodes connect again; connections dropped by the cut stay dropped.</summary>
    internal void Heal(string first, string second)
    {
        lock (_lock)
        {
            _cuts.Remove(Pair(first, second));
        }
    }

    /// <summary>Records a new connection, or explains why the network refuses it.</summary>
    internal string? TryAdd(InMemoryConnection connection)
    {
        lock (_lock)
        {
            // Either end: a connect that found the listener just before its node crashed must not slip in after the
            // crash dropped that node's connections, or the dead silo would answer over it (its probes too) for good.
            if (new[] { connection.From, connection.To }.FirstOrDefault(n => n is not null && _crashed.Contains(n)) is { } crashed)
            {
                return $"node {crashed} crashed";
            }

            if (connection.From is { } a && connection.To is { } b && _cuts.Contains(Pair(a, b)))
            {
                return $"the link between {a} and {b} is cut";
            }

            _connections.RemoveAll(c => c.IsDropped);
            _connections.Add(connection);
            return null;
        }
    }

    /// <summary>True when <paramref name="node"/> crashed: it may not listen again.</summary>
    internal bool IsCrashed(string node)
    {
        lock (_lock)
        {
            return _crashed.Contains(node);
        }
    }

    private static (string, string) Pair(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    private static void Drop(List<InMemoryConnection> connections, string reason)
    {
        foreach (var connection in connections)
        {
            connection.Drop(reason);
        }
    }

    private List<InMemoryConnection> Take(Predicate<InMemoryConnection> match)
    {
        var taken = _connections.FindAll(match);
        _connections.RemoveAll(match);
        return taken;
    }
}
