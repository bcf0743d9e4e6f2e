using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Tests.Messaging.SiloLinks;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging;

public class LocalMessageCenterForwardingTests
{
    /// <summary>Each silo's stale cache points at the other: the worst case for "not here" forwarding.</summary>
    private sealed class OtherSiloLocator(SiloAddress?[] silos, ILocalSiloDetails localSilo) : IGrainLocator
    {
        public ValueTask<SiloAddress> LocateAsync(GrainId grainId) =>
            new(silos.First(s => s is not null && s != localSilo.SiloAddress)!);
    }

    [Fact]
    public async Task SendRequest_SilosPointingAtEachOther_FailsAfterTheHopLimitNamingTheGrain()
    {
        var addresses = new SiloAddress?[2];
        await using var silos = await LinkedSilos.StartAsync(2, configure: (_, silo) => silo.ConfigureServices(s => s.AddSingleton<IGrainLocator>(
            sp => new OtherSiloLocator(addresses, sp.GetRequiredService<ILocalSiloDetails>()))));
        addresses[0] = silos.Address(0);
        addresses[1] = silos.Address(1);

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(
            () => silos.Grains(0).GetGrain<ILinkGrain>("bounced").WhereAmI().WaitAsync(Poll.DefaultTimeout));

        Assert.Contains($"link/bounced.WhereAmI was passed between silos {Runtime.Messaging.LocalMessageCenter.MaxForwardCount} times", error.Message);
        Assert.Contains("Retry the call", error.Message);
    }
}
