using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansBank.Runtime;

namespace OrleansBank.Silo.Http;

/// <summary>
/// Readiness of the grain store: reads a record that need not exist from the default provider, as an activation would,
/// so an unreachable or broken store shows as not ready with the provider's own words.
/// </summary>
internal sealed class StoreHealthCheck(IServiceProvider services) : IHealthCheck
{
    private static readonly GrainId Probe = new("health", "probe");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetKeyedService<IGrainStorage>(GrainStorage.DefaultProviderName) is not { } storage)
        {
            return HealthCheckResult.Healthy("This process keeps no grain state.");
        }

        try
        {
            await storage.ReadStateAsync("health", Probe, new GrainState<int>(0)).WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy("The grain store answers.");
        }
        catch (GrainStorageException ex)
        {
            return HealthCheckResult.Unhealthy($"The grain store is unreachable: {ex.Message}");
        }
    }
}
