namespace OrleansBank.Client.Race;

/// <summary>
/// Holds the first thread in the gap until released, so a second thread can be shown to arrive meanwhile.
/// With a lock the second thread blocks on it; without one it would pass its check too.
/// </summary>
internal sealed class HoldFirstUntilReleased(TimeSpan timeout) : IProcessingGap
{
    private readonly ManualResetEventSlim _firstInGap = new();
    private readonly ManualResetEventSlim _release = new();
    private int _entered;

    public void AfterCheck()
    {
        if (Interlocked.Increment(ref _entered) != 1)
        {
            return;
        }

        _firstInGap.Set();
        if (!_release.Wait(timeout))
        {
            throw new TimeoutException($"The first thread was not released from the gap within {timeout}.");
        }
    }

    public void AfterAct()
    {
    }

    /// <summary>Waits until the first thread is inside the gap.</summary>
    public void WaitForFirstInGap()
    {
        if (!_firstInGap.Wait(timeout))
        {
            throw new TimeoutException($"No thread reached the processing gap within {timeout}.");
        }
    }

    public void Release() => _release.Set();
}
