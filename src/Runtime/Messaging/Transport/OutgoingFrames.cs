using System.Threading.Tasks.Sources;

namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>
/// The bytes a connection has yet to send. A frame is copied in as it is queued, so its writer's buffer goes back to
/// the pool on the thread that rented it; one sender takes everything queued at once, so many small frames leave in
/// one write. Two buffers take turns: one fills while the other is on the wire.
/// </summary>
/// <remarks>
/// A pooled buffer per frame, handed to the sending thread, was returned to a pool other than the one it came from:
/// with many calls in flight the pool ran dry on the callers' side and allocated two buffers per call.
/// </remarks>
internal sealed class OutgoingFrames : IValueTaskSource, IThreadPoolWorkItem
{
    /// <summary>The size of each buffer; a batch may grow one, and one grown past <see cref="KeptSize"/> is not kept.</summary>
    public const int InitialSize = 16 * 1024;

    public const int KeptSize = 256 * 1024;

    private readonly object _lock = new();
    private ManualResetValueTaskSourceCore<bool> _wake;
    private byte[] _filling = new byte[InitialSize];
    private int _filled;
    private byte[]? _spare = new byte[InitialSize];
    private bool _senderWaiting;
    private bool _completed;

    /// <summary>Queues a copy of <paramref name="frame"/>; false, queuing nothing, once <see cref="Complete"/> was called.</summary>
    public bool TryAppend(ReadOnlySpan<byte> frame)
    {
        bool wake;
        lock (_lock)
        {
            if (_completed)
            {
                return false;
            }

            if (_filled + frame.Length > _filling.Length)
            {
                Grow(_filled + frame.Length);
            }

            frame.CopyTo(_filling.AsSpan(_filled));
            _filled += frame.Length;
            wake = _senderWaiting;
            _senderWaiting = false;
        }

        if (wake)
        {
            Wake();
        }

        return true;
    }

    /// <summary>No more frames are taken; the sender still gets those queued, then an empty batch.</summary>
    public void Complete()
    {
        bool wake;
        lock (_lock)
        {
            _completed = true;
            wake = _senderWaiting;
            _senderWaiting = false;
        }

        if (wake)
        {
            Wake();
        }
    }

    /// <summary>
    /// The sender's side (one sender only): takes everything queued, true; or false with what to await before trying
    /// again, or with null once completed and drained. Pass each batch's buffer back with <see cref="Sent"/> once sent.
    /// </summary>
    /// <remarks>Not an async method: the sender waits often, and each wait would allocate one.</remarks>
    public bool TryTake(out ArraySegment<byte> batch, out ValueTask? wait)
    {
        lock (_lock)
        {
            if (_filled > 0)
            {
                batch = new ArraySegment<byte>(_filling, 0, _filled);
                _filling = _spare ?? new byte[InitialSize];
                _spare = null;
                _filled = 0;
                wait = null;
                return true;
            }

            batch = default;
            if (_completed)
            {
                wait = null;
                return false;
            }

            _senderWaiting = true;
            wait = new ValueTask(this, _wake.Version);
            return false;
        }
    }

    /// <summary>Gives back the buffer of a batch that was sent, to fill again; one grown past <see cref="KeptSize"/> is dropped.</summary>
    public void Sent(ArraySegment<byte> batch)
    {
        if (batch.Array is { Length: <= KeptSize } buffer && buffer.Length > 0)
        {
            lock (_lock)
            {
                _spare = buffer;
            }
        }
    }

    /// <summary>Runs the sender from the end of the pool's shared queue, behind the work already queued.</summary>
    /// <remarks>
    /// The frames of a burst come from many work items (callers resuming, turns finishing). Woken on the local queue of
    /// the thread that queued the first frame, the sender ran next, before the rest of the burst, and sent its frames
    /// one or two at a time: a send each is most of the cost of a call over loopback.
    /// </remarks>
    private void Wake() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    void IThreadPoolWorkItem.Execute() => _wake.SetResult(true);

    void IValueTaskSource.GetResult(short token)
    {
        _wake.GetResult(token);
        _wake.Reset();
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _wake.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _wake.OnCompleted(continuation, state, token, flags);

    private void Grow(int needed)
    {
        var bigger = new byte[Math.Max(needed, _filling.Length * 2)];
        _filling.AsSpan(0, _filled).CopyTo(bigger);
        _filling = bigger;
    }
}
