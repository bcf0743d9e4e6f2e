using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging;

/// <summary>A reply or request over the frame limit fails that call alone, with a clear error; the connection stays up.</summary>
public class FrameLimitTests
{
    internal const int Limit = 64 * 1024;

    public static TheoryData<TestClientTransport> Transports => [TestClientTransport.InMemory, TestClientTransport.Tcp];

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Reply_OverFrameLimit_FailsThatCallWithResponseTooLarge_ConnectionStaysUp(TestClientTransport transport)
    {
        await using var limited = await LimitedCluster.StartAsync(transport);
        var (cluster, gates, log) = (limited.Cluster, limited.Gates, limited.Log);
        var bulk = cluster.GrainFactory.GetGrain<IBulkGrain>("b");
        var held = cluster.GrainFactory.GetGrain<IRecorderGrain>("r").Hold("a");
        await gates.WaitFor("entered:a");

        var error = await Assert.ThrowsAsync<ResponseTooLargeException>(() => bulk.Make(2 * Limit));

        Assert.Contains("The reply to IBulkGrain.Make is", error.Message);
        Assert.Contains("over the 65,536-byte frame limit: ask for less", error.Message);
        Assert.Contains(log.Warnings, w => w.Contains("IBulkGrain.Make") && w.Contains("frame limit"));
        // The call that was in flight on the same connection all along still gets its answer: nothing was dropped.
        gates.Raise("release:a");
        await held.WaitAsync(Poll.DefaultTimeout);
        Assert.Equal(100, (await bulk.Make(100)).Length);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Request_OverFrameLimit_FailsAtCallerBeforeSending_ConnectionStaysUp(TestClientTransport transport)
    {
        await using var limited = await LimitedCluster.StartAsync(transport);
        var (cluster, gates, log) = (limited.Cluster, limited.Gates, limited.Log);
        var bulk = cluster.GrainFactory.GetGrain<IBulkGrain>("b");
        var held = cluster.GrainFactory.GetGrain<IRecorderGrain>("r").Hold("a");
        await gates.WaitFor("entered:a");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => bulk.Measure(new string('y', 2 * Limit)));

        Assert.Contains("The request IBulkGrain.Measure to bulk/b is", error.Message);
        Assert.Contains("over the 65,536-byte frame limit, so it was not sent", error.Message);
        gates.Raise("release:a");
        await held.WaitAsync(Poll.DefaultTimeout);
        Assert.Equal(5, await bulk.Measure("small"));
        Assert.Empty(log.Warnings);
    }
}

/// <summary>A cluster whose silo and client both have a small frame limit; disposing it releases every gate first.</summary>
internal sealed class LimitedCluster(TestCluster cluster, Gates gates, WarningLog log) : IAsyncDisposable
{
    public TestCluster Cluster => cluster;

    public Gates Gates => gates;

    public WarningLog Log => log;

    public static async Task<LimitedCluster> StartAsync(TestClientTransport transport)
    {
        var gates = new Gates();
        var log = new WarningLog();
        var cluster = new TestClusterBuilder()
            .ConfigureSilo(silo => silo
                .AddGrainAssembly(typeof(TestSilo).Assembly)
                .AddMemoryGrainStorageAsDefault()
                .Configure<ConnectionOptions>(o => o.MaxFrameSize = FrameLimitTests.Limit)
                .ConfigureServices(s => s.AddSingleton(gates).AddSingleton<ILoggerProvider>(log)))
            .ConfigureClient(client => client.Services.Configure<ConnectionOptions>(o => o.MaxFrameSize = FrameLimitTests.Limit))
            .UseClientTransport(transport)
            .Build();
        var limited = new LimitedCluster(cluster, gates, log);
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await limited.DisposeAsync();
            throw;
        }

        return limited;
    }

    public async ValueTask DisposeAsync()
    {
        gates.ReleaseAll();
        await cluster.DisposeAsync();
    }
}
