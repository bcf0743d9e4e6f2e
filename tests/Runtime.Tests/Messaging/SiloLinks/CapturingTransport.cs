using System.Collections.Concurrent;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Tests.Messaging.SiloLinks;

/// <summary>A transport that records every byte written on the connections it opens or accepts.</summary>
internal sealed class CapturingTransport(IConnectionTransport inner) : IConnectionTransport
{
    private readonly ConcurrentQueue<byte[]> _written = new();

    public byte[] Written => [.. _written.SelectMany(b => b)];

    public async Task<Stream> ConnectAsync(string endpoint, CancellationToken cancellationToken) =>
        new Recording(await inner.ConnectAsync(endpoint, cancellationToken), _written);

    public IConnectionListener Listen(string endpoint) => new Listener(inner.Listen(endpoint), _written);

    private sealed class Listener(IConnectionListener inner, ConcurrentQueue<byte[]> written) : IConnectionListener
    {
        public string Endpoint => inner.Endpoint;

        public async Task<(Stream Stream, string Remote)?> AcceptAsync() =>
            await inner.AcceptAsync() is { } accepted ? (new Recording(accepted.Stream, written), accepted.Remote) : null;

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    private sealed class Recording(Stream inner, ConcurrentQueue<byte[]> written) : Stream
    {
        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            written.Enqueue(buffer.ToArray());
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Write(byte[] buffer, int offset, int count)
        {
            written.Enqueue(buffer.AsSpan(offset, count).ToArray());
            inner.Write(buffer, offset, count);
        }

        public override void Flush() => inner.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
