using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Messaging.Transport;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging.Transport;

/// <summary>How a connection's writer batches: what queues during a send leaves in the next one, and a close sends what was queued.</summary>
public class FramedConnectionBatchingTests
{
    [Fact]
    public async Task Send_FramesQueuedWhileASendIsOnTheWire_LeaveTogetherInOneWrite()
    {
        var stream = new GatedWrites();
        var connection = new FramedConnection(stream, "peer", new ConnectionOptions());
        connection.StartWriting();

        connection.Send(Frame(1));
        await Poll.UntilAsync(() => stream.Started == 1, "the first write to start, and to be held open");
        connection.Send(Frame(2));
        connection.Send(Frame(3));
        connection.Send(Frame(4));
        stream.Release.SetResult();
        await Poll.UntilAsync(() => stream.Writes.Count == 2, "the frames queued during the first write to be written");

        Assert.Equal([1], stream.Writes[0]);
        Assert.Equal([2, 3, 4], stream.Writes[1]);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task CloseAsync_FramesQueuedBeforeIt_AreWrittenBeforeTheStreamCloses()
    {
        var stream = new GatedWrites();
        stream.Release.SetResult();
        var connection = new FramedConnection(stream, "peer", new ConnectionOptions());
        connection.Send(Frame(1));
        connection.Send(Frame(2));

        connection.StartWriting();
        await connection.CloseAsync("done");
        connection.Send(Frame(3));

        Assert.Equal([1, 2], stream.Writes.SelectMany(w => w));
        Assert.True(stream.Disposed);
    }

    private static WireWriter Frame(byte value)
    {
        var frame = new WireWriter();
        frame.WriteByte(value);
        return frame;
    }

    /// <summary>Records each write; the first one does not finish until <see cref="Release"/> is set.</summary>
    private sealed class GatedWrites : Stream
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<byte[]> Writes { get; } = [];

        public int Started => Volatile.Read(ref _started);

        public bool Disposed { get; private set; }

        private int _started;

        public override bool CanRead => false;

        public override bool CanWrite => true;

        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var bytes = buffer.ToArray();
            if (Interlocked.Increment(ref _started) == 1)
            {
                await Release.Task;
            }

            lock (Writes)
            {
                Writes.Add(bytes);
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
