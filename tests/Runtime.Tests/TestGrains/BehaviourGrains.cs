namespace OrleansBank.Runtime.Tests.TestGrains;

public sealed class GrainFailureException(string message) : Exception(message);

public interface IThrowingGrain : IGrainWithStringKey
{
    Task Throw(string message);

    Task<int> Increment();
}

public sealed class ThrowingGrain : Grain, IThrowingGrain
{
    private int _count;

    public Task Throw(string message) => throw new GrainFailureException(message);

    public Task<int> Increment() => Task.FromResult(++_count);
}

public interface ISlowGrain : IGrainWithStringKey
{
    /// <summary>Never answers until the test raises "release:hang".</summary>
    Task Hang();

    [ResponseTimeout("00:00:02")]
    Task HangBriefly();
}

public sealed class SlowGrain(Gates gates) : Grain, ISlowGrain
{
    /// <summary>Raises "entered:hang" once it runs, then waits for "release:hang".</summary>
    public Task Hang() => Enter();

    public Task HangBriefly() => Enter();

    private Task Enter()
    {
        gates.Raise("entered:hang");
        return gates.Signal("release:hang").Task;
    }
}

public interface ILifecycleGrain : IGrainWithStringKey
{
    Task<int> Touch();

    Task DeactivateWhenDone();
}

/// <summary>Logs its activations and deactivations with their reasons.</summary>
public sealed class LifecycleGrain(Gates gates) : Grain, ILifecycleGrain
{
    private int _touches;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        gates.Record($"activate:{this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        gates.Record($"deactivate:{this.GetPrimaryKeyString()}:{reason.Code}");
        gates.Raise($"deactivated:{this.GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public Task<int> Touch() => Task.FromResult(++_touches);

    public Task DeactivateWhenDone()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

public interface IGuidKeyGrain : IGrainWithGuidKey
{
    Task<Guid> GetKey();
}

public sealed class GuidKeyGrain : Grain, IGuidKeyGrain
{
    public Task<Guid> GetKey() => Task.FromResult(this.GetPrimaryKey());
}

public interface IIntegerKeyGrain : IGrainWithIntegerKey
{
    Task<long> GetKey();
}

public sealed class IntegerKeyGrain : Grain, IIntegerKeyGrain
{
    public Task<long> GetKey() => Task.FromResult(this.GetPrimaryKeyLong());
}

public interface INotImplementedGrain : IGrainWithStringKey
{
    Task Nothing();
}

public interface IAmbientProbeGrain : IGrainWithStringKey
{
    /// <summary>What <see cref="AmbientProbeGrain.Ambient"/> held in OnActivateAsync and in this request.</summary>
    Task<string[]> Seen();
}

/// <summary>Reports what a caller's AsyncLocal looks like from inside the grain: it should never reach it.</summary>
public sealed class AmbientProbeGrain : Grain, IAmbientProbeGrain
{
    private string? _onActivate;

    public static AsyncLocal<string?> Ambient { get; } = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _onActivate = Ambient.Value ?? "none";
        return Task.CompletedTask;
    }

    public Task<string[]> Seen() => Task.FromResult(new[] { _onActivate!, Ambient.Value ?? "none" });
}
