using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Runtime.Cluster;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Hosting;

/// <summary>A silo's membership as its host starts it, beside the silo's other services.</summary>
public class MembershipHostedServiceTests
{
    [Fact]
    public async Task StartAsync_SiloActiveBeforeItsGatewayStarts_APeersProbeIsHeldUntilAnsweredNotRefused()
    {
        // The clock stands still, so only this test's probe runs; the gate holds the new silo's start after its
        // membership (the row says Active) and before its gateway, as a slow start on a loaded machine would.
        var gate = new StartGate();
        var builder = new TestClusterBuilder().UseTimeProvider(new ManualTimeProvider()).ConfigureSilo(s => s.Services.AddHostedService(_ => gate));
        builder.Options.UseClusterMembership = true;
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var primary = cluster.Primary;
        var view = primary.ServiceProvider.GetRequiredService<ISiloStatusView>();

        gate.Close();
        var starting = cluster.StartAdditionalSiloAsync();
        await gate.Reached.WaitAsync(Poll.DefaultTimeout);
        await Poll.UntilAsync(() => view.ActiveSilos.Count == 2, "the primary to see the new silo active");
        var newcomer = view.ActiveSilos.Single(s => s != primary.SiloAddress);
        using var deadline = new CancellationTokenSource(Poll.DefaultTimeout);
        var probe = primary.ServiceProvider.GetRequiredService<ISiloProber>().ProbeAsync(newcomer, deadline.Token);
        gate.Open();
        await starting.WaitAsync(Poll.DefaultTimeout);

        var result = await probe;
        Assert.True(result.Succeeded, $"the primary's probe of a silo it sees active failed: {result.FailureReason}");
    }

    /// <summary>A hosted service that, once closed, holds the start of the next silo until opened.</summary>
    private sealed class StartGate : IHostedService
    {
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _closed;

        public Task Reached => _reached.Task;

        public void Close() => _closed = true;

        public void Open() => _open.TrySetResult();

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (_closed)
            {
                _reached.TrySetResult();
                await _open.Task.WaitAsync(cancellationToken);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
