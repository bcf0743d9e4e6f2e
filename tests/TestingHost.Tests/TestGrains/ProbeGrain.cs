using OrleansBank.Runtime;

namespace OrleansBank.TestingHost.Tests.TestGrains;

public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>Counts calls on this activation.</summary>
    Task<int> Ping();

    /// <summary>The silo clock's time, as grain code sees it.</summary>
    Task<DateTimeOffset> Now();

    /// <summary>Records "held:key", then waits until the test releases the key.</summary>
    Task Hold();

    Task Deactivate();
}

// Activated on the silo that first calls it, so tests of a many-silo cluster know where it lives (the directory places at random by default).
[PreferLocalPlacement]
public sealed class ProbeGrain(Probe probe, TimeProvider time) : Grain, IProbeGrain
{
    private int _pings;

    private string Key => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        probe.Record($"activated:{Key}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Record($"deactivated:{Key}:{reason.Code}");
        return Task.CompletedTask;
    }

    public Task<int> Ping() => Task.FromResult(++_pings);

    public Task<DateTimeOffset> Now() => Task.FromResult(time.GetUtcNow());

    public async Task Hold()
    {
        probe.Record($"held:{Key}");
        await probe.Gate(Key);
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
