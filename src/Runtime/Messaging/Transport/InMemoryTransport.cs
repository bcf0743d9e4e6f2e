using System.IO.Pipelines;
using System.Threading.Channels;

namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>Connects and listens through an <see cref="InMemoryNetwork"/>, one pipe pair per connection.</summary>
internal sealed class InMemoryTransport(InMemoryNetwork network) : IConnectionTransport
{
    private static long _nextClient;

    public Task<Stream> ConnectAsync(string endpoint, CancellationToken cancellationToken)
    {
        if (!network.Listeners.TryGetValue(endpoint, out var listener))
        {
            throw new IOException($"Nothing listens at in-memory endpoint '{endpoint}'.");
        }

        var toServer = new Pipe();
        var toClient = new Pipe();
        var client = new DuplexPipeStream(toClient.Reader, toServer.Writer);
        var server = new DuplexPipeStream(toServer.Reader, toClient.Writer);
        return listener.Writer.TryWrite((server, $"memory-client-{Interlocked.Increment(ref _nextClient)}"))
            ? Task.FromResult<Stream>(client)
            : throw new IOException($"In-memory endpoint '{endpoint}' is closed.");
    }

    public IConnectionListener Listen(string endpoint)
    {
        // Port 0 picks a port no listener of this network uses, as TCP does, so the listener can report it.
        // In-memory endpoints may be any name; only host:0 asks for a port.
        if (endpoint.EndsWith(":0", StringComparison.Ordinal))
        {
            endpoint = $"{endpoint[..^2]}:{network.NextFreePort()}";
        }

        var channel = Channel.CreateUnbounded<(Stream, string)>();
        return network.Listeners.TryAdd(endpoint, channel)
            ? new Listener(network, endpoint, channel)
            : throw new IOException($"In-memory endpoint '{endpoint}' is already in use.");
    }

    private sealed class Listener(InMemoryNetwork network, string endpoint, Channel<(Stream, string)> channel) : IConnectionListener
    {
        public string Endpoint => endpoint;

        public async Task<(Stream Stream, string Remote)?> AcceptAsync() =>
            await channel.Reader.WaitToReadAsync() && channel.Reader.TryRead(out var connection) ? connection : null;

        public ValueTask DisposeAsync()
        {
            network.Listeners.TryRemove(endpoint, out _);
            channel.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>One end of an in-memory connection: reads from one pipe, writes to the other.</summary>
    private sealed class DuplexPipeStream(PipeReader input, PipeWriter output) : Stream
    {
        private readonly Stream _read = input.AsStream();
        private readonly Stream _write = output.AsStream();

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _read.ReadAsync(buffer, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            _write.WriteAsync(buffer, cancellationToken);

        public override Task FlushAsync(CancellationToken cancellationToken) => _write.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => _read.Read(buffer, offset, count);

        public override void Write(byte[] buffer, int offset, int count) => _write.Write(buffer, offset, count);

        public override void Flush() => _write.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _read.Dispose();
                _write.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
