using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Grains;
using OrleansBank.Runtime;
using OrleansBank.TestingHost;

namespace OrleansBank.Client.Tests.Commands;

/// <summary>The bank's grains in an in-process silo with a TCP gateway, for running client commands against.</summary>
internal sealed class BankSilo : IAsyncDisposable
{
    private BankSilo(TestCluster cluster, HeldAuthorization authorization)
    {
        Cluster = cluster;
        Authorization = authorization;
    }

    public TestCluster Cluster { get; }

    public HeldAuthorization Authorization { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    public static async Task<BankSilo> StartAsync()
    {
        var authorization = new HeldAuthorization();
        var cluster = new TestClusterBuilder()
            .ConfigureSilo(silo => silo
                .AddGrainAssembly(typeof(AccountGrain).Assembly)
                .AddMemoryGrainStorageAsDefault()
                .AddMemoryReminderTable()
                .AddReminderService()
                .ConfigureServices(s => s.AddSingleton<IWithdrawalAuthorization>(authorization)))
            .UseClientTransport(TestClientTransport.Tcp)
            .Build();
        await cluster.DeployAsync();
        return new BankSilo(cluster, authorization);
    }

    /// <summary>Runs a client command in process against this silo's gateway.</summary>
    public Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) =>
        InProcessClient.RunAsync([.. args, "--gateway", Cluster.GatewayEndpoint!]);

    public async Task<IAccountGrain> OpenAsync(decimal balance)
    {
        var account = Grains.GetGrain<IAccountGrain>($"acc-{Guid.NewGuid():N}");
        await account.Open("Ada", balance);
        return account;
    }

    public async ValueTask DisposeAsync()
    {
        Authorization.Release();
        await Cluster.DisposeAsync();
    }
}
