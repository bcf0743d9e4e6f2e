using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests;

/// <summary>A test cluster hosting the test grains, with shared gates and controllable default storage.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private TestSilo(TestCluster cluster, Gates gates, ControllableStorage storage)
    {
        Cluster = cluster;
        Gates = gates;
        Storage = storage;
    }

    public TestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    public Gates Gates { get; }

    public ControllableStorage Storage { get; }

    public static async Task<TestSilo> StartAsync(
        TimeProvider? time = null,
        Action<ISiloBuilder>? configure = null,
        TestClientTransport transport = TestClientTransport.Hosted)
    {
        var gates = new Gates();
        var storage = new ControllableStorage(gates);
        var builder = new TestClusterBuilder().ConfigureSilo(silo => silo
            .AddGrainAssembly(typeof(TestSilo).Assembly)
            .AddGrainStorage(GrainStorage.DefaultProviderName, _ => storage)
            .ConfigureServices(s => s.AddSingleton(gates)));
        builder.UseClientTransport(transport);
        if (time is not null)
        {
            builder.UseTimeProvider(time);
        }

        if (configure is not null)
        {
            builder.ConfigureSilo(configure);
        }

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new TestSilo(cluster, gates, storage);
    }

    public async ValueTask DisposeAsync()
    {
        // Nothing may be left waiting on a gate, or stopping the silo would wait for it.
        Gates.ReleaseAll();
        await Cluster.DisposeAsync();
    }
}
