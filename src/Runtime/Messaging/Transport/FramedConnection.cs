using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;

namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>
/// Length-prefixed frames over a stream, in both directions, with many calls in flight. Reads hand each whole frame
/// to a handler; writes are queued (<see cref="OutgoingFrames"/>) and sent in batches by one writer loop, so small
/// frames share a send.
/// </summary>
internal sealed class FramedConnection : IAsyncDisposable
{
    private const int PooledCopyLimit = 1024 * 1024;

    private readonly Stream _stream;
    private readonly ConnectionOptions _options;
    private readonly OutgoingFrames _outgoing = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int? _handshakeFrameLimit;
    private readonly PartialFrameBudget? _budget;
    private long _reserved;
    private Task? _writer;

    /// <param name="stream">The connection's bytes.</param>
    /// <param name="remote">Where the other end is.</param>
    /// <param name="options">Frame size and time limits.</param>
    /// <param name="handshakeFrameLimit">On the accepting side, the largest frame before the handshake is done.</param>
    /// <param name="budget">On the accepting side, the shared budget big frames still arriving draw from.</param>
    public FramedConnection(Stream stream, string remote, ConnectionOptions options, int? handshakeFrameLimit = null, PartialFrameBudget? budget = null)
    {
        _stream = stream;
        Remote = remote;
        _options = options;
        _handshakeFrameLimit = handshakeFrameLimit;
        _budget = budget;
    }

    /// <summary>Where the other end is, for logs and errors.</summary>
    public string Remote { get; }

    /// <summary>The largest frame payload either end accepts: a bigger one must not be sent.</summary>
    public int MaxFrameSize => _options.MaxFrameSize;

    /// <summary>Completes with the reason once the connection is closed.</summary>
    public Task<string> Closed => _closed.Task;

    public bool IsClosed => _closed.Task.IsCompleted;

    /// <summary>
    /// Reads frames until the peer closes or breaks the protocol, giving each payload to <paramref name="onFrame"/>.
    /// Until <paramref name="handshakeDone"/> returns true, frames must arrive within the handshake timeout.
    /// </summary>
    public async Task RunAsync(FrameHandler onFrame, Func<bool> handshakeDone)
    {
        _writer ??= Task.Run(WriteLoopAsync);
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        using var deadline = new CancellationTokenSource();
        var reason = "the peer closed the connection";
        var connectedAt = Environment.TickCount64;
        long? partialSince = null;
        try
        {
            while (true)
            {
                // Absolute deadlines, so a peer cannot stay connected by dripping a byte at a time:
                // the hello must arrive within the handshake timeout of connecting, and a frame, once begun,
                // within the frame timeout of its first byte. An idle, healthy connection may wait forever.
                var waitingForHandshake = !handshakeDone();
                var limit = waitingForHandshake ? Remaining(connectedAt, _options.HandshakeTimeout)
                    : partialSince is { } since ? Remaining(since, _options.FrameTimeout)
                    : Timeout.InfiniteTimeSpan;
                if (!deadline.TryReset())
                {
                    break;
                }

                ReadResult read;
                if (limit == Timeout.InfiniteTimeSpan)
                {
                    // The common case, between whole frames: no timer and no linked token for each read.
                    read = await reader.ReadAsync(_closing.Token);
                }
                else
                {
                    deadline.CancelAfter(limit);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token, deadline.Token);
                    try
                    {
                        read = await reader.ReadAsync(linked.Token);
                    }
                    catch (OperationCanceledException) when (deadline.IsCancellationRequested)
                    {
                        throw new ProtocolException(waitingForHandshake
                            ? $"No hello within {_options.HandshakeTimeout}: the peer connected and stalled."
                            : $"A frame did not arrive in full within {_options.FrameTimeout}: the peer stalled mid-frame.");
                    }
                }

                var buffer = read.Buffer;
                while (TryReadFrame(ref buffer, handshakeDone, out var payload))
                {
                    Dispatch(onFrame, payload);
                    partialSince = null;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
                partialSince = buffer.IsEmpty ? null : partialSince ?? Environment.TickCount64;
                if (read.IsCompleted || read.IsCanceled)
                {
                    if (!buffer.IsEmpty)
                    {
                        reason = "the peer closed the connection in the middle of a frame";
                    }

                    break;
                }
            }
        }
        catch (Exception ex) when (_closing.IsCancellationRequested && ex is OperationCanceledException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // Closed here while a read was starting: the stream may already be disposed under the reader.
            reason = _closed.Task.IsCompleted ? _closed.Task.Result : "closed locally";
        }
        catch (IOException ex)
        {
            reason = $"the connection broke: {ex.Message}";
        }
        finally
        {
            ReleaseReservation();
            await reader.CompleteAsync();
            await CloseAsync(reason);
        }
    }

    private static TimeSpan Remaining(long since, TimeSpan limit) =>
        TimeSpan.FromMilliseconds(Math.Max(1, limit.TotalMilliseconds - (Environment.TickCount64 - since)));

    /// <summary>Queues a copy of a finished frame and disposes the writer. Dropped if the connection is closed.</summary>
    public void Send(WireWriter frame)
    {
        using (frame)
        {
            _outgoing.TryAppend(frame.WrittenSpan);
        }
    }

    /// <summary>Starts the writer without reading: used by a client until its receive loop starts.</summary>
    public void StartWriting() => _writer ??= Task.Run(WriteLoopAsync);

    public async Task CloseAsync(string reason)
    {
        if (!_closed.TrySetResult(reason))
        {
            return;
        }

        _outgoing.Complete();
        await _closing.CancelAsync();
        if (_writer is not null)
        {
            await _writer;
        }

        await _stream.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync("disposed");
        _closing.Dispose();
    }

    private bool TryReadFrame(ref ReadOnlySequence<byte> buffer, Func<bool> handshakeDone, out ReadOnlySequence<byte> payload)
    {
        payload = default;
        if (buffer.Length < FrameCodec.HeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[FrameCodec.HeaderSize];
        buffer.Slice(0, FrameCodec.HeaderSize).CopyTo(header);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        // A stranger gets only a hello-sized frame: its header is refused before any of a big body is buffered.
        var stranger = _handshakeFrameLimit is not null && !handshakeDone();
        var limit = stranger ? _handshakeFrameLimit!.Value : _options.MaxFrameSize;
        if (length <= 0 || length > limit)
        {
            throw new ProtocolException(length <= 0 ? $"A frame announces {length} bytes."
                : stranger ? $"A frame announces {length:N0} bytes, over the limit of {limit:N0} bytes for a peer that has not said hello."
                : $"A frame announces {length:N0} bytes, over the limit of {limit:N0}.");
        }

        if (buffer.Length < FrameCodec.HeaderSize + length)
        {
            Reserve(length);
            return false;
        }

        ReleaseReservation();
        payload = buffer.Slice(FrameCodec.HeaderSize, length);
        buffer = buffer.Slice(FrameCodec.HeaderSize + length);
        return true;
    }

    /// <summary>Holds a share of the silo's budget while a big frame arrives; the first frame that would pass it is refused.</summary>
    private void Reserve(int length)
    {
        if (_budget is null || _reserved != 0 || length <= PartialFrameBudget.ExemptFrameSize)
        {
            return;
        }

        if (!_budget.TryReserve(length))
        {
            throw new ProtocolException($"A frame of {length:N0} bytes would take the memory this silo holds for frames still arriving "
                + $"past its budget of {_budget.Limit:N0} bytes ({_budget.Held:N0} held now); retry later or send smaller frames.");
        }

        _reserved = length;
    }

    private void ReleaseReservation()
    {
        if (_reserved != 0)
        {
            _budget!.Release(_reserved);
            _reserved = 0;
        }
    }

    private static void Dispatch(FrameHandler onFrame, ReadOnlySequence<byte> payload)
    {
        if (payload.IsSingleSegment)
        {
            onFrame(payload.FirstSpan);
            return;
        }

        // Big copies are not pooled: the shared pool keeps what it is given back, and a few big frames would
        // leave their megabytes held for the life of the process.
        var length = (int)payload.Length;
        var pooled = length <= PooledCopyLimit;
        var copy = pooled ? ArrayPool<byte>.Shared.Rent(length) : GC.AllocateUninitializedArray<byte>(length);
        try
        {
            payload.CopyTo(copy);
            onFrame(copy.AsSpan(0, length));
        }
        finally
        {
            if (pooled)
            {
                ArrayPool<byte>.Shared.Return(copy);
            }
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (true)
            {
                if (_outgoing.TryTake(out var batch, out var wait))
                {
                    await _stream.WriteAsync(batch.AsMemory());
                    await _stream.FlushAsync();
                    _outgoing.Sent(batch);
                }
                else if (wait is { } more)
                {
                    await more;
                }
                else
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or NotSupportedException)
        {
            _outgoing.Complete();
            _ = CloseAsync($"sending failed: {ex.Message}");
        }
    }
}
