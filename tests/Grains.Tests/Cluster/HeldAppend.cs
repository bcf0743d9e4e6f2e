using OrleansBank.Runtime;

namespace OrleansBank.Grains.Tests.Cluster;

/// <summary>One grain's append that <see cref="HoldingLogStorage"/> holds until the test releases it.</summary>
public sealed class HeldAppend(GrainId grainId)
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<Exception?> _landed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GrainId GrainId { get; } = grainId;

    /// <summary>Completes once the append has reached the store and waits there.</summary>
    public Task Started => _started.Task;

    /// <summary>Completes once the released append has been written (null) or refused (its error).</summary>
    public Task<Exception?> Landed => _landed.Task;

    public void Release() => _release.TrySetResult();

    internal Task WaitForReleaseAsync()
    {
        _started.TrySetResult();
        return _release.Task;
    }

    internal void OnLanded(Exception? error) => _landed.TrySetResult(error);
}
