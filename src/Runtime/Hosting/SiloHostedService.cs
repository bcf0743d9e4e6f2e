using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansBank.Runtime.Activation;

namespace OrleansBank.Runtime.Hosting;

/// <summary>
/// Starts the silo with the host, and on shutdown lets running turns finish and deactivates every grain. Refusing
/// new and queued requests begins in <see cref="StoppingAsync"/>, before any hosted service stops, so the gateway's
/// wait for the requests in flight covers running turns only, never a backlog of queued ones.
/// </summary>
internal sealed partial class SiloHostedService(
    IServiceProvider services,
    GrainTypeRegistry registry,
    Catalog catalog,
    ActivationCollector collector,
    ILocalSiloDetails localSilo,
    ILogger<SiloHostedService> logger) : IHostedLifecycleService
{
    // Counted before deactivation begins in StoppingAsync, since deactivated ones leave the catalog.
    private int? _activationsAtStop;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var initialized = new HashSet<object>();
        foreach (var store in registry.Classes.SelectMany(StoresOf))
        {
            if (store is IGrainStorageLifecycle lifecycle && initialized.Add(store))
            {
                // An unusable store stops the silo here, before it takes a single call.
                await lifecycle.InitializeAsync(cancellationToken);
            }
        }

        collector.Start();
        _ = services.GetService<SiloGauges>();
        LogStarted(logger, localSilo.SiloAddress, registry.Classes.Count(), string.Join(", ", registry.Classes.Select(c => c.GrainType)));
    }

    /// <summary>
    /// Runs the startup tasks once every hosted service's StartAsync is done (stores, gateway, membership), and before
    /// the host reports itself started.
    /// </summary>
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        List<IStartupTask> tasks;
        try
        {
            tasks = [.. services.GetServices<IStartupTask>()];
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"A startup task could not be made from the silo's services, so the silo does not start: {ex.Message}", ex);
        }

        foreach (var task in tasks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await task.Execute(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"The silo's startup task {Name(task)} failed, so the silo does not start: {ex.Message}", ex);
            }
        }
    }

    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        _activationsAtStop = catalog.Count;
        catalog.BeginStopping();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        collector.Dispose();
        var count = _activationsAtStop ?? catalog.Count;
        await catalog.DeactivateAllAsync().WaitAsync(cancellationToken);
        LogStopped(logger, count);
    }

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The stores a grain class needs; one that is not configured stops the silo, naming it.</summary>
    private IEnumerable<object> StoresOf(GrainClass grainClass)
    {
        foreach (var name in StorageNames(grainClass.Facets.OfType<PersistentStateAttribute>().Select(a => a.StorageName)))
        {
            yield return services.GetKeyedService<IGrainStorage>(name) ?? throw Missing(grainClass, name, "grain storage");
        }

        foreach (var name in StorageNames(grainClass.Facets.OfType<PersistentLogAttribute>().Select(a => a.StorageName)))
        {
            yield return services.GetKeyedService<IEventLogStorage>(name) ?? throw Missing(grainClass, name, "event log storage");
        }
    }

    private static string Name(IStartupTask task) => task is DelegateStartupTask ? "(a function given to AddStartupTask)" : task.GetType().Name;

    private static IEnumerable<string> StorageNames(IEnumerable<string?> names) =>
        names.Select(name => name ?? GrainStorage.DefaultProviderName).Distinct();

    private static InvalidOperationException Missing(GrainClass grainClass, string name, string kind) => new(
        $"Grain class {grainClass.Type.Name} uses {kind} '{name}', which is not configured: call AddMemoryGrainStorage(\"{name}\") or another storage provider.");

    [LoggerMessage(1, LogLevel.Information, "Silo {SiloAddress} started with {Count} grain types: {GrainTypes}")]
    private static partial void LogStarted(ILogger logger, SiloAddress siloAddress, int count, string grainTypes);

    [LoggerMessage(2, LogLevel.Information, "Silo stopped; deactivated {Count} activations")]
    private static partial void LogStopped(ILogger logger, int count);
}
