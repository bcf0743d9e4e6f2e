namespace OrleansBank.Client.Race;

/// <summary>
/// Forces the race: every thread passes its balance check before any changes the balance,
/// then they change it one at a time in arrival order (so the arithmetic itself is not torn).
/// </summary>
internal sealed class BothCheckBeforeEitherActs(int threads, TimeSpan timeout) : IProcessingGap
{
    private readonly Barrier _allChecked = new(threads);
    private readonly object _turns = new();
    private int _arrived;
    private int _turn;

    public void AfterCheck()
    {
        var ticket = Interlocked.Increment(ref _arrived) - 1;
        if (!_allChecked.SignalAndWait(timeout))
        {
            throw new TimeoutException($"Not all {threads} threads passed the balance check within {timeout}.");
        }

        lock (_turns)
        {
            while (_turn != ticket)
            {
                if (!Monitor.Wait(_turns, timeout))
                {
                    throw new TimeoutException($"Thread {ticket} did not get its turn within {timeout}.");
                }
            }
        }
    }

    public void AfterAct()
    {
        lock (_turns)
        {
            _turn++;
            Monitor.PulseAll(_turns);
        }
    }
}
