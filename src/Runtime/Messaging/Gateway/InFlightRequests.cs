namespace OrleansBank.Runtime.Messaging.Gateway;

/// <summary>Counts requests in flight through the gateway, so shutdown can answer them all before closing connections.</summary>
internal sealed class InFlightRequests
{
    private readonly object _lock = new();
    private TaskCompletionSource? _drained;
    private int _inFlight;
    private bool _stopping;

    public bool TryBeginRequest()
    {
        lock (_lock)
        {
            if (_stopping)
            {
                return false;
            }

            _inFlight++;
            return true;
        }
    }

    public void EndRequest()
    {
        lock (_lock)
        {
            if (--_inFlight == 0)
            {
                _drained?.TrySetResult();
            }
        }
    }

    /// <summary>Refuses new requests and completes when every accepted one has been answered.</summary>
    public Task StopAcceptingAsync()
    {
        lock (_lock)
        {
            _stopping = true;
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inFlight == 0)
            {
                _drained.TrySetResult();
            }

            return _drained.Task;
        }
    }
}
