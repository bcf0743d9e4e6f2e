using System.IO.Pipelines;

namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>One end of an in-memory connection: reads from one pipe, writes to the other, fails once dropped.</summary>
internal sealed class InMemoryPipeStream(InMemoryConnection connection, PipeReader input, PipeWriter output) : Stream
{
    private readonly Stream _read = input.AsStream();
    private readonly Stream _write = output.AsStream();
    private volatile bool _disposed;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ThrowIfDropped();
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connection.Dropped);
        try
        {
            return await _read.ReadAsync(buffer, either.Token);
        }
        catch (OperationCanceledException) when (connection.IsDropped && !cancellationToken.IsCancellationRequested)
        {
            throw connection.DroppedError();
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ThrowIfDropped();
        // A peer that no longer reads would leave a write blocked on a full pipe; the drop must free it too.
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, connection.Dropped);
        try
        {
            await _write.WriteAsync(buffer, either.Token);
        }
        catch (OperationCanceledException) when (connection.IsDropped && !cancellationToken.IsCancellationRequested)
        {
            throw connection.DroppedError();
        }
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        ThrowIfDropped();
        return _write.FlushAsync(cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count)
    {
        ThrowIfDropped();
        _write.Write(buffer, offset, count);
    }

    public override void Flush()
    {
        ThrowIfDropped();
        _write.Flush();
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // As a socket does: a read after this end is disposed fails with ObjectDisposedException.
            _disposed = true;
            _read.Dispose();
            _write.Dispose();
        }

        base.Dispose(disposing);
    }

    private void ThrowIfDropped()
    {
        if (connection.IsDropped)
        {
            throw connection.DroppedError();
        }
    }
}
