using OrleansBank.Runtime;

namespace OrleansBank.Benchmarks;

/// <summary>An echo that stays where it is first called from, and says which silo that is.</summary>
public interface IPlacedEchoGrain : IGrainWithStringKey
{
    /// <summary>Returns <paramref name="value"/>.</summary>
    Task<int> Echo(int value);

    /// <summary>The silo this activation lives on.</summary>
    Task<string> Silo();
}

/// <summary>A non-reentrant grain with no storage, placed on the silo the first call starts on.</summary>
[PreferLocalPlacement]
public sealed class PlacedEchoGrain : Grain, IPlacedEchoGrain
{
    public Task<int> Echo(int value) => Task.FromResult(value);

    public Task<string> Silo() =>
        Task.FromResult(((ILocalSiloDetails)ServiceProvider.GetService(typeof(ILocalSiloDetails))!).SiloAddress.ToString());
}
