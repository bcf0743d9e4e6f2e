using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Runtime.Cluster;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging.SiloLinks;

public class SiloLinkHandshakeTests
{
    private const string Secret = "correct horse battery staple";

    /// <summary>An oracle that knows which silos are dead, as membership will.</summary>
    private sealed class DeadSilos(Func<SiloAddress, bool> isDead) : ISiloStatusOracle
    {
        public bool IsDead(SiloAddress silo) => isDead(silo);
    }

    private static Action<int, ISiloBuilder> Cluster(Func<int, ClusterOptions> options) =>
        (i, silo) => silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ClusterSecret) = (options(i).ClusterId, options(i).ClusterSecret));

    private static async Task<SiloUnavailableException> CallFarAsync(LinkedSilos silos)
    {
        var grain = silos.Grains(0).GetGrain<ILinkGrain>("far");
        silos.Place(grain, 1);
        return await Assert.ThrowsAsync<SiloUnavailableException>(() => grain.WhereAmI().WaitAsync(Poll.DefaultTimeout));
    }

    [Fact]
    public async Task Link_PeerFromAnotherCluster_IsRefusedWithTheReason()
    {
        await using var silos = await LinkedSilos.StartAsync(2, Cluster(i => new ClusterOptions { ClusterId = i == 0 ? "bank-a" : "bank-b" }));

        var error = await CallFarAsync(silos);

        Assert.Contains("refused the link", error.Message);
        Assert.Contains("cluster 'bank-b'", error.Message);
        Assert.Contains("cluster 'bank-a'", error.Message);
        Assert.Equal(0, silos.Host(1).Services.GetRequiredService<Runtime.Activation.Catalog>().Count);
    }

    [Fact]
    public async Task Link_PeerDeclaredDead_IsRefusedWithTheReason()
    {
        SiloAddress? dead = null;
        await using var silos = await LinkedSilos.StartAsync(2, (i, silo) => silo.ConfigureServices(
            s => s.AddSingleton<ISiloStatusOracle>(new DeadSilos(a => a == dead))));
        dead = silos.Address(0);

        var error = await CallFarAsync(silos);

        Assert.Contains($"the peer {silos.Address(0)} has been declared dead", error.Message);
    }

    [Fact]
    public async Task Link_ToAnOldGenerationOfASilo_IsRefusedAsRestarted()
    {
        await using var silos = await LinkedSilos.StartAsync(2);
        var current = silos.Address(1);
        var old = new SiloAddress(current.Host, current.Port, current.Generation - 1);
        var grain = silos.Grains(0).GetGrain<ILinkGrain>("old");
        silos.Placement.Silos[grain.GetGrainId()] = old;

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => grain.WhereAmI().WaitAsync(Poll.DefaultTimeout));

        Assert.Contains($"No route to silo {old}", error.Message);
        Assert.Contains("that generation is gone (the silo restarted)", error.Message);
    }

    [Fact]
    public async Task Link_BothWithTheSecret_CallsRun()
    {
        await using var silos = await LinkedSilos.StartAsync(2, Cluster(_ => new ClusterOptions { ClusterSecret = Secret }));
        var grain = silos.Grains(0).GetGrain<ILinkGrain>("far");
        silos.Place(grain, 1);

        Assert.Equal(silos.Address(1).ToString(), await grain.WhereAmI().WaitAsync(Poll.DefaultTimeout));
    }

    [Fact]
    public async Task Link_WithTheSecret_NeverSendsTheSecret()
    {
        var captured = new List<CapturingTransport>();
        await using var silos = await LinkedSilos.StartAsync(
            2,
            Cluster(_ => new ClusterOptions { ClusterSecret = Secret }),
            wrap: t =>
            {
                var capturing = new CapturingTransport(t);
                captured.Add(capturing);
                return capturing;
            });
        var grain = silos.Grains(0).GetGrain<ILinkGrain>("far");
        silos.Place(grain, 1);
        await grain.WhereAmI().WaitAsync(Poll.DefaultTimeout);

        var bytes = captured.SelectMany(c => c.Written).ToArray();
        Assert.NotEmpty(bytes);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Secret)));
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("battery")));
    }

    [Fact]
    public async Task Link_WrongSecret_IsRefusedWithTheReason()
    {
        await using var silos = await LinkedSilos.StartAsync(2, Cluster(i => new ClusterOptions { ClusterSecret = i == 0 ? Secret : "another secret of some length" }));

        var error = await CallFarAsync(silos);

        Assert.Contains("proof of the cluster secret is wrong", error.Message);
    }

    [Fact]
    public async Task Link_CallerWithoutTheSecret_IsRefusedWithTheReason()
    {
        await using var silos = await LinkedSilos.StartAsync(2, Cluster(i => new ClusterOptions { ClusterSecret = i == 0 ? null : Secret }));

        var error = await CallFarAsync(silos);

        Assert.Contains("requires the cluster secret", error.Message);
    }

    [Fact]
    public async Task Link_CalleeWithoutTheSecret_IsRefusedWithTheReason()
    {
        await using var silos = await LinkedSilos.StartAsync(2, Cluster(i => new ClusterOptions { ClusterSecret = i == 0 ? Secret : null }));

        var error = await CallFarAsync(silos);

        Assert.Contains("this silo has none configured", error.Message);
    }

    [Theory]
    [InlineData(Secret, Secret, null)]
    [InlineData(null, Secret, "requires the cluster secret")]
    [InlineData("a wrong secret, long enough", Secret, "proof of the cluster secret is wrong")]
    [InlineData(Secret, null, "has none configured")]
    public async Task Client_SecretOrNot_IsAdmittedOrRefusedWithTheReason(string? clientSecret, string? siloSecret, string? refusal)
    {
        await using var silos = await LinkedSilos.StartAsync(1, Cluster(_ => new ClusterOptions { ClusterSecret = siloSecret }));
        var gateway = silos.Host(0).Services.GetRequiredService<Runtime.Messaging.Gateway.ClientGateway>().BoundEndpoints[0];
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client
            .UseStaticClustering(gateway)
            .UseInMemoryTransport(silos.Network)
            .Configure<ClusterOptions>(o => o.ClusterSecret = clientSecret));
        using var clientHost = builder.Build();

        if (refusal is null)
        {
            await clientHost.StartAsync();
            var answer = await clientHost.Services.GetRequiredService<IClusterClient>().GetGrain<ILinkGrain>("c").WhereAmI();
            Assert.Equal(silos.Address(0).ToString(), answer);
            await clientHost.StopAsync();
        }
        else
        {
            var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => clientHost.StartAsync());
            Assert.Contains(refusal, error.Message);
        }
    }

    [Fact]
    public async Task Start_SecretTooShort_FailsNamingTheOption()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => LinkedSilos.StartAsync(1, Cluster(_ => new ClusterOptions { ClusterSecret = "short" })));

        Assert.Contains("Cluster:ClusterSecret must be at least 16 characters", error.Message);
    }

    [Fact]
    public async Task Start_ClusterSectionInConfiguration_BindsTheOptions()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("Cluster:ClusterId", "from-config"), new("Cluster:ClusterSecret", Secret)]);
        builder.UseOrleans(silo => silo.AddGrainAssembly(typeof(LinkedSilos).Assembly));
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClusterOptions>>().Value;

        Assert.Equal(("from-config", Secret), (options.ClusterId, options.ClusterSecret));
    }
}
