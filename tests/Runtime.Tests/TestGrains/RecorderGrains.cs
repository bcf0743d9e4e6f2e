namespace OrleansBank.Runtime.Tests.TestGrains;

public interface IRecorderGrain : IGrainWithStringKey
{
    /// <summary>Logs enter, raises "entered:name", awaits "release:name", logs exit.</summary>
    Task Hold(string name);

    [ReadOnly]
    Task HoldReadOnly(string name);

    [AlwaysInterleave]
    Task HoldInterleaved(string name);

    /// <summary>Yields many times, counting any moment two threads were inside the grain together.</summary>
    Task<int> CountOverlaps(int yields);

    Task<bool> ContinuesOnActivationScheduler();
}

public interface IReentrantRecorderGrain : IGrainWithStringKey
{
    Task Hold(string name);

    Task<int> CountOverlaps(int yields);
}

public abstract class RecorderGrainBase(Gates gates) : Grain
{
    private int _inside;

    public async Task Hold(string name)
    {
        gates.Record($"enter:{name}");
        gates.Raise($"entered:{name}");
        await gates.Signal($"release:{name}").Task;
        gates.Record($"exit:{name}");
    }

    public Task HoldReadOnly(string name) => Hold(name);

    public Task HoldInterleaved(string name) => Hold(name);

    public async Task<int> CountOverlaps(int yields)
    {
        var overlaps = 0;
        for (var i = 0; i < yields; i++)
        {
            // Interlocked here detects overlap; it does not prevent it.
            if (Interlocked.Exchange(ref _inside, 1) == 1)
            {
                overlaps++;
            }

            Thread.SpinWait(200);
            Volatile.Write(ref _inside, 0);
            await Task.Yield();
        }

        return overlaps;
    }

    public async Task<bool> ContinuesOnActivationScheduler()
    {
        var before = TaskScheduler.Current;
        await Task.Yield();
        await Task.Run(() => { });
        return before != TaskScheduler.Default && TaskScheduler.Current == before;
    }
}

public sealed class RecorderGrain(Gates gates) : RecorderGrainBase(gates), IRecorderGrain;

[Reentrant]
public sealed class ReentrantRecorderGrain(Gates gates) : RecorderGrainBase(gates), IReentrantRecorderGrain;
