using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansBank.Runtime.Activation;

namespace OrleansBank.Runtime.Hosting;

/// <summary>Starts the silo with the host, and on shutdown lets running turns finish and deactivates every grain.</summary>
internal sealed partial class SiloHostedService(
    IServiceProvider services,
    GrainTypeRegistry registry,
    Catalog catalog,
    ActivationCollector collector,
    ILogger<SiloHostedService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var grainClass in registry.Classes)
        {
            foreach (var storage in grainClass.StorageNames)
            {
                if (services.GetKeyedService<IGrainStorage>(storage) is null)
                {
                    throw new InvalidOperationException(
                        $"Grain class {grainClass.Type.Name} uses grain storage '{storage}', which is not configured: call AddMemoryGrainStorage(\"{storage}\") or another storage provider.");
                }
            }
        }

        collector.Start();
        LogStarted(logger, registry.Classes.Count(), string.Join(", ", registry.Classes.Select(c => c.GrainType)));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        collector.Dispose();
        var count = catalog.Count;
        await catalog.DeactivateAllAsync().WaitAsync(cancellationToken);
        LogStopped(logger, count);
    }

    [LoggerMessage(1, LogLevel.Information, "Silo started with {Count} grain types: {GrainTypes}")]
    private static partial void LogStarted(ILogger logger, int count, string grainTypes);

    [LoggerMessage(2, LogLevel.Information, "Silo stopped; deactivated {Count} activations")]
    private static partial void LogStopped(ILogger logger, int count);
}
