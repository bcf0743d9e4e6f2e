using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Messaging.SiloLinks;

public interface ILinkGrain : IGrainWithStringKey
{
    /// <summary>The address of the silo that ran the call.</summary>
    Task<string> WhereAmI();

    Task<string> CallThrough(string viaKey);

    Task<string> CallBack(string targetKey);

    Task Throw(string message);

    /// <summary>Raises "entered:link-hang", then waits for "release:link-hang".</summary>
    Task Hang();

    [ResponseTimeout("00:00:00.300")]
    Task HangBriefly();
}

public interface IReentrantLinkGrain : IGrainWithStringKey
{
    Task<string> WhereAmI();

    Task<string> CallThrough(string viaKey);

    Task<string> CallBack(string targetKey);
}

/// <summary>Thrown by <see cref="LinkGrain.Throw"/>: its type must cross the silo link.</summary>
public sealed class LinkFailureException(string message) : Exception(message);

public sealed class LinkGrain(ILocalSiloDetails silo, Gates gates) : Grain, ILinkGrain
{
    public Task<string> WhereAmI() => Task.FromResult(silo.SiloAddress.ToString());

    public Task<string> CallThrough(string viaKey) => GrainFactory.GetGrain<ILinkGrain>(viaKey).CallBack(this.GetPrimaryKeyString());

    public Task<string> CallBack(string targetKey) => GrainFactory.GetGrain<ILinkGrain>(targetKey).WhereAmI();

    public Task Throw(string message) => throw new LinkFailureException(message);

    public Task Hang()
    {
        gates.Raise("entered:link-hang");
        return gates.Signal("release:link-hang").Task;
    }

    public Task HangBriefly() => gates.Signal("release:link-hang-briefly").Task;
}

[Reentrant]
public sealed class ReentrantLinkGrain(ILocalSiloDetails silo) : Grain, IReentrantLinkGrain
{
    public Task<string> WhereAmI() => Task.FromResult(silo.SiloAddress.ToString());

    public Task<string> CallThrough(string viaKey) => GrainFactory.GetGrain<IReentrantLinkGrain>(viaKey).CallBack(this.GetPrimaryKeyString());

    public Task<string> CallBack(string targetKey) => GrainFactory.GetGrain<IReentrantLinkGrain>(targetKey).WhereAmI();
}
