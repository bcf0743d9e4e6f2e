using OrleansBank.Runtime;

namespace OrleansBank.TestingHost.Tests.TestGrains;

public interface ITickingGrain : IGrainWithStringKey
{
    /// <summary>Starts a grain timer that records "tick:key" every <paramref name="period"/>.</summary>
    Task Start(TimeSpan period);

    /// <summary>Ticks so far; queued behind a running tick, so once it answers the timer is armed again.</summary>
    Task<int> Ticks();
}

[PreferLocalPlacement]
public sealed class TickingGrain(Probe probe) : Grain, ITickingGrain
{
    private int _ticks;

    public Task<int> Ticks() => Task.FromResult(_ticks);

    public Task Start(TimeSpan period)
    {
        var key = this.GetPrimaryKeyString();
        RegisterGrainTimer((_, _) =>
        {
            _ticks++;
            probe.Record($"tick:{key}");
            return Task.CompletedTask;
        }, 0, period, period);
        return Task.CompletedTask;
    }
}
