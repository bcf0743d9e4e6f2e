namespace OrleansBank.Runtime.Messaging.Gateway;

/// <summary>Counts requests in flight through the gateway, so shutdown can answer them all before closing connections.</summary>
/// <remarks>One word holds the count and the stopping flag: every request passes here twice, and a lock was contended.</remarks>
internal sealed class InFlightRequests
{
    private const int Stopping = 1 << 30;

    private readonly object _stopLock = new();
    private volatile TaskCompletionSource? _drained;
    private int _state;

    public bool TryBeginRequest()
    {
        var state = Volatile.Read(ref _state);
        while (true)
        {
            if ((state & Stopping) != 0)
            {
                return false;
            }

            var seen = Interlocked.CompareExchange(ref _state, state + 1, state);
            if (seen == state)
            {
                return true;
            }

            state = seen;
        }
    }

    public void EndRequest()
    {
        if (Interlocked.Decrement(ref _state) == Stopping)
        {
            _drained?.TrySetResult();
        }
    }

    /// <summary>Refuses new requests and completes when every accepted one has been answered.</summary>
    public Task StopAcceptingAsync()
    {
        lock (_stopLock)
        {
            // Published before the flag, so a request that ends after the flag is set finds it.
            var drained = _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if ((Interlocked.Or(ref _state, Stopping) & ~Stopping) == 0)
            {
                drained.TrySetResult();
            }

            return drained.Task;
        }
    }
}
