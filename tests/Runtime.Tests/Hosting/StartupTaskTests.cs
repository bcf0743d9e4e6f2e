using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Hosting;

public class StartupTaskTests
{
    [Fact]
    public async Task StartupTasks_RunOnceEach_InTheOrderAdded_CanCallGrains_AndFinishBeforeTheSiloReportsStarted()
    {
        var ran = new ConcurrentQueue<string>();
        await using var silo = await TestSilo.StartAsync(configure: s => s
            .AddStartupTask(async (services, _) =>
            {
                var started = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.IsCancellationRequested;
                var sum = await services.GetRequiredService<IGrainFactory>().GetGrain<IEchoGrain>("startup").Add(1m, 2m);
                ran.Enqueue($"first: {sum}, started before it: {started}");
            })
            .AddStartupTask<RecordingTask>()
            .ConfigureServices(services => services.AddSingleton(ran)));

        Assert.Equal(["first: 3, started before it: False", "second"], ran);
        var lifetime = silo.Cluster.ServiceProvider.GetRequiredService<IHostApplicationLifetime>();
        Assert.True(lifetime.ApplicationStarted.IsCancellationRequested, "the silo reports itself started once its tasks are done");
    }

    [Fact]
    public async Task StartupTask_Throws_TheSiloDoesNotStart_AndTheErrorNamesTheTaskAndWhy()
    {
        await using var cluster = Cluster(s => s.AddStartupTask<FailingTask>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(cluster.DeployAsync);

        Assert.Equal("The silo's startup task FailingTask failed, so the silo does not start: the seed file is missing.", error.Message);
        Assert.IsType<FileNotFoundException>(error.InnerException);
    }

    [Fact]
    public async Task StartupTask_GivenAsAFunction_Throws_TheErrorSaysSo()
    {
        await using var cluster = Cluster(s => s.AddStartupTask((_, _) => throw new TimeoutException("the seed service did not answer")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(cluster.DeployAsync);

        Assert.Equal("The silo's startup task (a function given to AddStartupTask) failed, so the silo does not start: the seed service did not answer", error.Message);
    }

    private static TestCluster Cluster(Action<ISiloBuilder> configure) => new TestClusterBuilder()
        .ConfigureSilo(silo => silo.AddGrainAssembly(typeof(StartupTaskTests).Assembly).AddMemoryGrainStorageAsDefault())
        .ConfigureSilo(configure)
        .Build();

    private sealed class RecordingTask(ConcurrentQueue<string> ran) : IStartupTask
    {
        public Task Execute(CancellationToken cancellationToken)
        {
            ran.Enqueue("second");
            return Task.CompletedTask;
        }
    }

    private sealed class FailingTask : IStartupTask
    {
        public Task Execute(CancellationToken cancellationToken) => throw new FileNotFoundException("the seed file is missing.");
    }
}
