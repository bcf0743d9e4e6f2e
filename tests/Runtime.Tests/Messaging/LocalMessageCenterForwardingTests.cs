using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Tests.Cluster;
using OrleansBank.Runtime.Tests.Messaging.SiloLinks;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging;

public class LocalMessageCenterForwardingTests
{
    /// <summary>A directory in which the other silo always holds the grain: the worst case for "not here" forwarding.</summary>
    private sealed class OtherSiloWinsDirectory(IGrainDirectoryTable inner, SiloAddress?[] silos, ILocalSiloDetails localSilo) : IGrainDirectoryTable
    {
        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public Task<GrainRegistration?> RegisterAsync(GrainRegistration registration) => Task.FromResult<GrainRegistration?>(
            registration with { Silo = silos.First(s => s is not null && s != localSilo.SiloAddress)!, ActivationId = "elsewhere" });

        public Task<GrainRegistration?> LookupAsync(GrainId grainId) => inner.LookupAsync(grainId);

        public Task<bool> UnregisterAsync(GrainRegistration registration) => inner.UnregisterAsync(registration);
    }

    /// <summary>Each silo's locator places every grain on the other silo, as two random placements may.</summary>
    private sealed class OtherSiloLocator(SiloAddress?[] silos, ILocalSiloDetails localSilo) : IGrainLocator
    {
        public ValueTask<SiloAddress> LocateAsync(GrainId grainId) =>
            new(silos.First(s => s is not null && s != localSilo.SiloAddress)!);
    }

    [Fact]
    public async Task SendRequest_ArrivedFromAnotherSilo_RunsHereWithoutBeingPlacedAgain()
    {
        var addresses = new SiloAddress?[2];
        await using var silos = await LinkedSilos.StartAsync(2, configure: (_, silo) => silo.ConfigureServices(s => s.AddSingleton<IGrainLocator>(
            sp => new OtherSiloLocator(addresses, sp.GetRequiredService<ILocalSiloDetails>()))));
        addresses[0] = silos.Address(0);
        addresses[1] = silos.Address(1);

        Assert.Equal(silos.Address(1).ToString(), await silos.Grains(0).GetGrain<ILinkGrain>("placed-there").WhereAmI().WaitAsync(Poll.DefaultTimeout));
    }

    [Fact]
    public async Task Forward_SilosEachSayingTheOtherHoldsTheGrain_FailsAfterTheHopLimitNamingTheGrain()
    {
        var addresses = new SiloAddress?[2];
        await using var silos = await DirectoryClusterTests.StartClusterAsync(2, (_, silo) => silo.ConfigureServices(s => s.AddSingleton<IGrainDirectoryTable>(
            sp => new OtherSiloWinsDirectory(sp.GetRequiredService<MemoryClusterTables>(), addresses, sp.GetRequiredService<ILocalSiloDetails>()))));
        addresses[0] = silos.Address(0);
        addresses[1] = silos.Address(1);

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(
            () => silos.Grains(0).GetGrain<IPlacedGrain>("bounced").WhereAmI().WaitAsync(Poll.DefaultTimeout));

        Assert.Contains($"placed/bounced.WhereAmI was passed between silos {Runtime.Messaging.LocalMessageCenter.MaxForwardCount} times", error.Message);
        Assert.Contains("Retry the call", error.Message);
        Assert.Empty(silos.Gates.Log);
    }
}
