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
    public static async Task<BankCluster> StartAsync(FlakyStorage? storage = null, ITransferProbe? transferProbe = null)
    {
        storage ??= new FlakyStorage();
        var authorization = new TestAuthorization();
        var cluster = new TestClusterBuilder()
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
        Authorization.Release();
        await Cluster.DisposeAsync();
    }
}
