using System.Threading.Channels;

namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>
/// Connects and listens through an <see cref="InMemoryNetwork"/>, one pipe pair per connection. With a
/// <paramref name="node"/> name (a test cluster's silo), the network can crash that node or cut its links.
/// </summary>
internal sealed class InMemoryTransport(InMemoryNetwork network, string? node = null) : IConnectionTransport
{
    private static long _nextClient;

    public Task<Stream> ConnectAsync(string endpoint, CancellationToken cancellationToken)
    {
        if (!network.Listeners.TryGetValue(endpoint, out var listener))
        {
            throw new IOException($"Nothing listens at in-memory endpoint '{endpoint}'.");
        }

        var connection = new InMemoryConnection(node, network.ListenerOwners.GetValueOrDefault(endpoint));
        if (network.TryAdd(connection) is { } refused)
        {
            throw new IOException($"In-memory endpoint '{endpoint}' refused the connection: {refused}.");
        }

        var number = Interlocked.Increment(ref _nextClient);
        var remote = node is null ? $"memory-client-{number}" : $"{node} (memory connection {number})";
        return listener.Writer.TryWrite((connection.Server, remote))
            ? Task.FromResult(connection.Client)
            : throw new IOException($"In-memory endpoint '{endpoint}' is closed.");
    }

    public IConnectionListener Listen(string endpoint)
    {
        if (node is not null && network.IsCrashed(node))
        {
            throw new IOException($"Node {node} crashed: it cannot listen at '{endpoint}'.");
        }

        // Port 0 picks a port no listener of this network uses, as TCP does, so the listener can report it.
        // In-memory endpoints may be any name; only host:0 asks for a port.
        if (endpoint.EndsWith(":0", StringComparison.Ordinal))
        {
            endpoint = $"{endpoint[..^2]}:{network.NextFreePort()}";
        }

        var channel = Channel.CreateUnbounded<(Stream, string)>();
        if (!network.Listeners.TryAdd(endpoint, channel))
        {
            throw new IOException($"In-memory endpoint '{endpoint}' is already in use.");
        }

        if (node is not null)
        {
            network.ListenerOwners[endpoint] = node;
        }

        return new Listener(network, endpoint, channel);
    }

    private sealed class Listener(InMemoryNetwork network, string endpoint, Channel<(Stream, string)> channel) : IConnectionListener
    {
        public string Endpoint => endpoint;

        public async Task<(Stream Stream, string Remote)?> AcceptAsync() =>
            await channel.Reader.WaitToReadAsync() && channel.Reader.TryRead(out var connection) ? connection : null;

        public ValueTask DisposeAsync()
        {
            // Only this listener's own registration: after a crash and restart the endpoint may belong to a new one.
            if (network.Listeners.TryRemove(new KeyValuePair<string, Channel<(Stream, string)>>(endpoint, channel)))
            {
                network.ListenerOwners.TryRemove(endpoint, out _);
            }

            channel.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }
    }
}
