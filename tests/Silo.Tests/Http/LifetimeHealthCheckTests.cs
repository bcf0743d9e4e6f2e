using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OrleansBank.Silo.Http;

namespace OrleansBank.Silo.Tests.Http;

/// <summary>Readiness follows the host's lifetime: not ready while starting, ready while running, not ready once stopping.</summary>
public class LifetimeHealthCheckTests
{
    [Fact]
    public async Task CheckHealth_AsTheHostStartsRunsAndStops_ReadyOnlyWhileRunning()
    {
        var lifetime = new Lifetime();
        var check = new LifetimeHealthCheck(lifetime);

        var starting = await check.CheckHealthAsync(new HealthCheckContext());
        lifetime.Started.Cancel();
        var running = await check.CheckHealthAsync(new HealthCheckContext());
        lifetime.Stopping.Cancel();
        var stopping = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal((HealthStatus.Unhealthy, "The silo is still starting."), (starting.Status, starting.Description));
        Assert.Equal(HealthStatus.Healthy, running.Status);
        Assert.Equal((HealthStatus.Unhealthy, "The silo is shutting down."), (stopping.Status, stopping.Description));
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public CancellationTokenSource Started { get; } = new();

        public CancellationTokenSource Stopping { get; } = new();

        public CancellationToken ApplicationStarted => Started.Token;

        public CancellationToken ApplicationStopping => Stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopping.Cancel();
    }
}
