using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansBank.Persistence.Sqlite;

namespace OrleansBank.Runtime;

/// <summary>Registers the SQLite membership and directory tables with a silo.</summary>
public static class SqliteClusterSiloBuilderExtensions
{
    /// <summary>
    /// Keeps membership and the grain directory in one SQLite file that every silo process on this machine shares.
    /// Options are bound from the section Cluster:Sqlite, then given to <paramref name="configure"/>, and validated
    /// when the silo starts; the cluster id comes from <see cref="ClusterOptions"/>.
    /// </summary>
    public static ISiloBuilder AddSqliteClusterTables(this ISiloBuilder builder, Action<SqliteClusterOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<SqliteClusterOptions>()
            .Bind(builder.Configuration.GetSection(SqliteClusterOptions.ConfigurationSection))
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteClusterOptions>, SqliteClusterOptionsValidator>());
        return builder.AddClusterTables(sp => new SqliteClusterTables(
            sp.GetRequiredService<IOptions<SqliteClusterOptions>>().Value,
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId));
    }
}
