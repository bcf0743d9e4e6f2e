using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Tests.Messaging.Transport;

/// <summary>A connection closed on its own side while its read loop is running ends that loop quietly.</summary>
public class FramedConnectionCloseTests
{
    [Fact]
    public async Task RunAsync_ClosedLocallyAsTheNextReadStarts_EndsWithTheCloseReasonInsteadOfThrowing()
    {
        var link = new InMemoryConnection("client", "server");
        var stream = new CloseBeforeSecondRead(link.Server);
        var server = new FramedConnection(stream, "client", new ConnectionOptions());
        stream.CloseOwner = () => server.CloseAsync("the silo is shutting down");
        var frames = 0;

        // The stream closes the connection (disposing itself) just as the loop's second read begins: the
        // interleaving a silo's shutdown hit when it closed a connection whose read loop was starting a read.
        var run = server.RunAsync(_ => frames++, () => true);
        await link.Client.WriteAsync(RawPeer.Frame([1, 2, 3]));
        await link.Client.FlushAsync();

        await run.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, frames);
        Assert.Equal(2, stream.Reads);
        Assert.Equal("the silo is shutting down", await server.Closed);
    }

    [Fact]
    public async Task ReadAsync_AfterItsEndIsDisposed_FailsAsADisposedSocketDoes()
    {
        var link = new InMemoryConnection("client", "server");
        await link.Server.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await link.Server.ReadExactlyAsync(new byte[4]));
    }

    /// <summary>Passes reads through, except that the second one first closes the connection that owns it.</summary>
    private sealed class CloseBeforeSecondRead(Stream inner) : Stream
    {
        public Func<Task> CloseOwner { get; set; } = () => Task.CompletedTask;

        public int Reads { get; private set; }

        public override bool CanRead => true;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (++Reads == 2)
            {
                await CloseOwner();
            }

            return await inner.ReadAsync(buffer, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.WriteAsync(buffer, cancellationToken);

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

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
    }
}
