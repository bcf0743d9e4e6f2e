using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;
using OrleansBank.TestingHost;

namespace OrleansBank.Grains.Tests.Cluster;

/// <summary>
/// A many-silo test cluster hosting the bank's grains on one storage shared by every silo, so an account's log
/// survives its silo's crash and the account comes back on another.
/// </summary>
public sealed class ClusterBank : IAsyncDisposable
{
    private ClusterBank(TestCluster cluster, HoldingLogStorage storage)
    {
        Cluster = cluster;
        Storage = storage;
    }

    public TestCluster Cluster { get; }

    public HoldingLogStorage Storage { get; }

    /// <summary>The cluster client: hosted in the primary, or external with a transport other than Hosted.</summary>
    public IGrainFactory Grains => Cluster.GrainFactory;

    public static async Task<ClusterBank> StartAsync(short silos, TestClientTransport transport = TestClientTransport.Hosted)
    {
        var storage = new HoldingLogStorage();
        var cluster = new TestClusterBuilder(silos)
            .UseClientTransport(transport)
            .ConfigureSilo(silo => silo
                .AddGrainAssembly(typeof(AccountGrain).Assembly)
                .AddGrainStorage(GrainStorage.DefaultProviderName, _ => storage)
                .ConfigureServices(s => s.AddSingleton<IWithdrawalAuthorization>(new TestAuthorization())))
            .Build();
        try
        {
            await cluster.DeployAsync();

            // Every silo sees every other active before the first placement, so accounts spread over all of them.
            await cluster.WaitForLivenessToStabilizeAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new ClusterBank(cluster, storage);
    }

    /// <summary>Opens <paramref name="count"/> accounts named from <paramref name="prefix"/>, each with <paramref name="opening"/>.</summary>
    public async Task<IReadOnlyList<string>> OpenAccountsAsync(string prefix, int count, decimal opening)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D4}").ToArray();
        foreach (var batch in ids.Chunk(100))
        {
            await Task.WhenAll(batch.Select(id => Grains.GetGrain<IAccountGrain>(id).Open("Ada", opening, $"open-{id}")));
        }

        return ids;
    }

    /// <summary>Fails naming the first account that more than one running silo holds a live (claimed) activation of.</summary>
    public void AssertAtMostOneActivationEach(IEnumerable<string> accountIds, string when)
    {
        foreach (var id in accountIds)
        {
            var account = Grains.GetGrain<IAccountGrain>(id);
            if (Cluster.GetClaimedActivationCount(account) > 1)
            {
                Assert.Fail($"{when}: account {id} has an activation holding its directory claim on more than one of {string.Join(", ", Cluster.GetSilosHosting(account))}");
            }
        }
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
