using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansBank.Persistence.Postgres;
using OrleansBank.Runtime.Metrics;

namespace OrleansBank.Runtime;

/// <summary>Registers the PostgreSQL grain storage provider with a silo.</summary>
public static class PostgresSiloBuilderExtensions
{
    /// <summary>
    /// Adds a PostgreSQL grain storage provider; the schema is created and checked when the silo starts. Its options
    /// are named after the provider, bound from the configuration section GrainStorage:{name}, then given to
    /// <paramref name="configure"/>, and validated when the silo starts.
    /// </summary>
    public static ISiloBuilder AddPostgresGrainStorage(
        this ISiloBuilder builder,
        string name,
        Action<PostgresStorageOptions> configure)
    {
        builder.Services.AddOptions<PostgresStorageOptions>(name)
            .Bind(builder.Configuration.GetSection(GrainStorage.ConfigurationSection(name)))
            .Configure(configure)
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStorageOptions>, PostgresStorageOptionsValidator>());
        return builder.AddGrainStorage(name, sp => new PostgresGrainStorage(name, sp.GetRequiredService<IOptionsMonitor<PostgresStorageOptions>>().Get(name), sp.GetService<StorageMetrics>()));
    }
}
