namespace OrleansBank.Grains.Tests;

/// <summary>A withdrawal authorization a test controls: it can yield, hold the first caller, or decline.</summary>
public sealed class TestAuthorization : IWithdrawalAuthorization
{
    private readonly TaskCompletionSource _firstEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    /// <summary>Hold the first withdrawal inside authorization until <see cref="Release"/>.</summary>
    public bool HoldFirst { get; set; }

    /// <summary>Hold the first withdrawal inside authorization until the task this returns completes.</summary>
    public Func<Task>? HoldFirstUntil { get; set; }

    /// <summary>Hold every withdrawal inside authorization until the task this returns completes.</summary>
    public Func<Task>? HoldAllUntil { get; set; }

    /// <summary>Yield at every authorization, giving other requests a chance to interleave if the grain allowed it.</summary>
    public bool Yield { get; set; }

    public string? DeclineWith { get; set; }

    public Task FirstEntered => _firstEntered.Task;

    /// <summary>How many withdrawals have reached authorization, i.e. had their turn up to the debit.</summary>
    public int Calls => Volatile.Read(ref _calls);

    public void Release() => _release.TrySetResult();

    public async Task<string?> AuthorizeAsync(string accountId, decimal amount)
    {
        var isFirst = Interlocked.Increment(ref _calls) == 1;
        if (HoldFirst && _firstEntered.TrySetResult())
        {
            await _release.Task;
        }

        if (isFirst && HoldFirstUntil is { } until)
        {
            await until();
        }

        if (HoldAllUntil is { } untilAll)
        {
            await untilAll();
        }

        if (Yield)
        {
            await Task.Yield();
        }

        return DeclineWith;
    }
}
