using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansBank.Silo.Http;

/// <summary>Readiness of the process: not ready before the silo has started, nor once it has begun to stop.</summary>
internal sealed class LifetimeHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("The silo is shutting down.")
            : !lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Unhealthy("The silo is still starting.")
            : HealthCheckResult.Healthy("The silo is running."));
}
