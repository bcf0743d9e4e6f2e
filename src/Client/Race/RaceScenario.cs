using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Client.Race;

/// <summary>Two ATM withdrawals, $600 and $500, from one $1000 account: raw threads, a lock, and an account grain.</summary>
internal static class RaceScenario
{
    public const decimal OpeningBalance = 1000m;

    public static readonly IReadOnlyList<decimal> Withdrawals = [600m, 500m];

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<RaceReport> RunAllAsync(IGrainFactory grains) =>
        new(RunRawThreads(), RunLocked(), await RunGrainsAsync(grains));

    /// <summary>Both threads pass the check before either withdraws: both are approved and the balance goes negative.</summary>
    public static RaceOutcome RunRawThreads()
    {
        var account = new RawThreadAccount(OpeningBalance, new BothCheckBeforeEitherActs(Withdrawals.Count, Timeout));
        var approved = new bool[Withdrawals.Count];
        var threads = Withdrawals.Select((amount, i) => new Thread(() => approved[i] = account.Withdraw(amount))).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return Outcome(approved, account.Balance);
    }

    /// <summary>The first thread is held inside the lock while the second arrives and blocks: exactly one is approved.</summary>
    public static RaceOutcome RunLocked()
    {
        var gap = new HoldFirstUntilReleased(Timeout);
        var account = new LockedAccount(OpeningBalance, gap);
        var approved = new bool[Withdrawals.Count];
        var first = new Thread(() => approved[0] = account.Withdraw(Withdrawals[0]));
        var second = new Thread(() => approved[1] = account.Withdraw(Withdrawals[1]));
        first.Start();
        gap.WaitForFirstInGap();
        second.Start();
        WaitUntilBlockedOrDone(second);
        gap.Release();
        first.Join();
        second.Join();
        return Outcome(approved, account.Balance);
    }

    /// <summary>Both withdrawals are sent to the account grain at once; its turns run them one after the other.</summary>
    public static async Task<RaceOutcome> RunGrainsAsync(IGrainFactory grains)
    {
        var account = grains.GetGrain<IAccountGrain>($"race-{Guid.NewGuid():N}");
        await account.Open("race", OpeningBalance);
        var results = await Task.WhenAll(Withdrawals.Select(amount => account.Withdraw(amount)));
        return Outcome(results.Select(r => r.Approved).ToArray(), await account.GetBalance());
    }

    /// <summary>Waits, with a deadline, until the thread is blocked (on the lock) or has finished.</summary>
    public static void WaitUntilBlockedOrDone(Thread thread)
    {
        var blocked = SpinWait.SpinUntil(
            () => (thread.ThreadState & (ThreadState.WaitSleepJoin | ThreadState.Stopped)) != 0,
            Timeout);
        if (!blocked)
        {
            throw new TimeoutException($"Thread {thread.ManagedThreadId} neither blocked nor finished within {Timeout}.");
        }
    }

    private static RaceOutcome Outcome(bool[] approved, decimal finalBalance) => new(
        Withdrawals.Where((_, i) => approved[i]).ToArray(),
        Withdrawals.Where((_, i) => !approved[i]).ToArray(),
        finalBalance);
}
