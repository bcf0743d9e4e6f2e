using System.Collections.Concurrent;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>What a fake probe of one target does.</summary>
internal enum ProbeBehaviour
{
    Answer,
    Fail,
    Hang,
}

/// <summary>One silo's view of the network, set per target by the test; every target answers unless told otherwise.</summary>
internal sealed class FakeSiloProber : ISiloProber
{
    private readonly ConcurrentDictionary<SiloAddress, ProbeBehaviour> _behaviours = new();
    private readonly ConcurrentDictionary<SiloAddress, int> _calls = new();
    private readonly ConcurrentDictionary<SiloAddress, TaskCompletionSource> _probed = new();

    public void Set(SiloAddress target, ProbeBehaviour behaviour) => _behaviours[target] = behaviour;

    public int Calls(SiloAddress target) => _calls.GetValueOrDefault(target);

    public int TotalCalls => _calls.Values.Sum();

    /// <summary>Completes once <paramref name="target"/> has been probed (after this call, or before it).</summary>
    public Task Probed(SiloAddress target) => Signal(target).Task;

    public async Task<ProbeResult> ProbeAsync(SiloAddress target, CancellationToken cancellationToken)
    {
        _calls.AddOrUpdate(target, 1, (_, n) => n + 1);
        var behaviour = _behaviours.GetValueOrDefault(target);
        Signal(target).TrySetResult();
        switch (behaviour)
        {
            case ProbeBehaviour.Fail:
                return ProbeResult.Failed("connection refused (fake)");
            case ProbeBehaviour.Hang:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return ProbeResult.Ok;
            default:
                return ProbeResult.Ok;
        }
    }

    private TaskCompletionSource Signal(SiloAddress target) =>
        _probed.GetOrAdd(target, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
