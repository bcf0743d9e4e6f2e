namespace OrleansBank.Grains.Tests.Transfers;

/// <summary>
/// Fails the first transfer once after its request, as a crash there would; then holds the first transfer to reach
/// <see cref="TransferPoint.DebitReserved"/> (its resume) until <see cref="Crash"/>, which stops it there for good, as
/// the death of its silo does: nothing of that turn runs on.
/// </summary>
public sealed class CrashingHoldProbe : ITransferProbe
{
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _crash = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failures;
    private int _holds;

    /// <summary>Completes when a transfer is held at <see cref="TransferPoint.DebitReserved"/>.</summary>
    public Task Held => _held.Task;

    public void Crash() => _crash.TrySetResult();

    public async Task Reached(string transferId, TransferPoint point)
    {
        if (point == TransferPoint.Requested && Interlocked.Increment(ref _failures) == 1)
        {
            throw new SimulatedCrashException($"Simulated crash of transfer '{transferId}' after {point}.");
        }

        if (point == TransferPoint.DebitReserved && Interlocked.Increment(ref _holds) == 1)
        {
            _held.TrySetResult();
            await _crash.Task.WaitAsync(TestingHost.Poll.DefaultTimeout);
            throw new SimulatedCrashException($"Transfer '{transferId}' stopped with its silo after {point}.");
        }
    }
}
