using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;
using OrleansBank.TestingHost;

namespace OrleansBank.Grains.Tests;

/// <summary>
/// A test cluster hosting the bank's grains, and any grain class of this test project, on storage the test can make
/// fail or pause: grains with [PersistentLog] and with [PersistentState] both run on it.
/// </summary>
public sealed class BankCluster : IAsyncDisposable
{
    private BankCluster(TestCluster cluster, FlakyStorage storage, TestAuthorization authorization)
    {
        Cluster = cluster;
        Storage = storage;
        Authorization = authorization;
    }

    public TestCluster Cluster { get; }

    public FlakyStorage Storage { get; }

    public TestAuthorization Authorization { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    /// <summary>Starts a cluster; pass the storage of a stopped one to start again from what it stored, as after a crash.</summary>
    /// <param name="storage">The grain storage; a stopped cluster's to restart from what it stored.</param>
    /// <param name="transferProbe">Hooks into the steps of transfers.</param>
    /// <param name="time">The silo's clock and timer source (e.g. a ManualTimeProvider); the system clock when null.</param>
    /// <param name="configure">Further silo configuration, e.g. a reminder table and service.</param>
    public static async Task<BankCluster> StartAsync(
        FlakyStorage? storage = null,
        ITransferProbe? transferProbe = null,
        TimeProvider? time = null,
        Action<ISiloBuilder>? configure = null)
    {
        storage ??= new FlakyStorage();
        var authorization = new TestAuthorization();
        var builder = new TestClusterBuilder();
        if (time is not null)
        {
            builder.UseTimeProvider(time);
        }

        if (configure is not null)
        {
            builder.ConfigureSilo(configure);
        }

        var cluster = builder
            .ConfigureSilo(silo => silo
                .AddGrainAssembly(typeof(AccountGrain).Assembly)
                .AddGrainAssembly(typeof(BankCluster).Assembly)
                .AddGrainStorage(GrainStorage.DefaultProviderName, _ => storage)
                .ConfigureServices(s =>
                {
                    s.AddSingleton<IWithdrawalAuthorization>(authorization);
                    if (transferProbe is not null)
                    {
                        s.AddSingleton(transferProbe);
                    }
                }))
            .Build();
        await cluster.DeployAsync();
        return new BankCluster(cluster, storage, authorization);
    }

    public async Task<IAccountGrain> OpenAsync(decimal balance, string? id = null)
    {
        var account = Grains.GetGrain<IAccountGrain>(id ?? $"acc-{Guid.NewGuid():N}");
        await account.Open("Ada", balance);
        return account;
    }

    public async ValueTask DisposeAsync()
    {
        Storage.ReleaseWrites();
        Storage.ReleaseLogReads();
        Authorization.Release();
        await Cluster.DisposeAsync();
    }
}
