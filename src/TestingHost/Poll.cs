namespace OrleansBank.TestingHost;

/// <summary>Waits for a condition with a deadline, for tests: never a bare sleep.</summary>
public static class Poll
{
    /// <summary>The default deadline: generous, because a slow CI machine must not fail a correct test.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Returns once <paramref name="condition"/> holds; throws a TimeoutException naming what it waited for.</summary>
    public static Task UntilAsync(Func<bool> condition, string waitingFor, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), waitingFor, timeout);

    /// <summary>Returns once the asynchronous <paramref name="condition"/> holds; throws a TimeoutException naming what it waited for.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string waitingFor, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up after {limit} waiting for {waitingFor}.");
            }

            await Task.Yield();
            await Task.Delay(1);
        }
    }
}
