namespace OrleansBank.Grains.Tests.Transfers;

/// <summary>A transfer probe a test controls: it can fail a transfer once at a point, or hold the first one there.</summary>
public sealed class TestTransferProbe : ITransferProbe
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failures;
    private int _holds;
    private int _requests;

    /// <summary>The point where the next transfer to reach it fails once, as if its silo died there.</summary>
    public TransferPoint? FailOnceAt { get; set; }

    /// <summary>The point where the first transfer to reach it blocks until <see cref="Release"/>.</summary>
    public TransferPoint? HoldFirstAt { get; set; }

    /// <summary>Completes when the first transfer is held.</summary>
    public Task Held => _held.Task;

    /// <summary>How many transfers recorded a request.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public void Release() => _release.TrySetResult();

    public async Task Reached(string transferId, TransferPoint point)
    {
        if (point == TransferPoint.Requested)
        {
            Interlocked.Increment(ref _requests);
        }

        if (point == HoldFirstAt && Interlocked.Increment(ref _holds) == 1)
        {
            _held.TrySetResult();
            // Awaited inside the grain's turn, as a slow step would be: nothing else of this transfer may run meanwhile.
            await _release.Task.WaitAsync(TestingHost.Poll.DefaultTimeout);
        }

        if (point == FailOnceAt && Interlocked.Increment(ref _failures) == 1)
        {
            throw new SimulatedCrashException($"Simulated crash of transfer '{transferId}' after {point}.");
        }
    }
}
