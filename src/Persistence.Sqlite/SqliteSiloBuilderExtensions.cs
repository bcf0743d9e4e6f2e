using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansBank.Persistence.Sqlite;
using OrleansBank.Runtime.Metrics;

namespace OrleansBank.Runtime;

/// <summary>Registers the SQLite grain storage provider with a silo.</summary>
public static class SqliteSiloBuilderExtensions
{
    /// <summary>
    /// Adds a SQLite grain storage provider: durable, one file, WAL mode; writes return once on disk. Its options are
    /// named after the provider, bound from the configuration section GrainStorage:{name}, then given to
    /// <paramref name="configure"/>, and validated when the silo starts.
    /// </summary>
    public static ISiloBuilder AddSqliteGrainStorage(
        this ISiloBuilder builder,
        string name = GrainStorage.DefaultProviderName,
        Action<SqliteStorageOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<SqliteStorageOptions>(name)
            .Bind(builder.Configuration.GetSection(GrainStorage.ConfigurationSection(name)))
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStorageOptions>, SqliteStorageOptionsValidator>());
        return builder.AddGrainStorage(name, sp => new SqliteGrainStorage(name, sp.GetRequiredService<IOptionsMonitor<SqliteStorageOptions>>().Get(name), sp.GetService<StorageMetrics>()));
    }
}
