using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansBank.Persistence.Postgres;

namespace OrleansBank.Runtime;

/// <summary>Registers the PostgreSQL membership and directory tables with a silo.</summary>
public static class PostgresClusterSiloBuilderExtensions
{
    /// <summary>
    /// Keeps membership and the grain directory in PostgreSQL, shared by silos on many machines; changes are announced
    /// with LISTEN/NOTIFY. Options are bound from the section Cluster:Postgres, then given to
    /// <paramref name="configure"/>, and validated when the silo starts; the cluster id comes from <see cref="ClusterOptions"/>.
    /// </summary>
    public static ISiloBuilder AddPostgresClusterTables(this ISiloBuilder builder, Action<PostgresClusterOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<PostgresClusterOptions>()
            .Bind(builder.Configuration.GetSection(PostgresClusterOptions.ConfigurationSection))
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresClusterOptions>, PostgresClusterOptionsValidator>());
        return builder.AddClusterTables(sp => new PostgresClusterTables(
            sp.GetRequiredService<IOptions<PostgresClusterOptions>>().Value,
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId,
            sp.GetRequiredService<ILogger<PostgresClusterTables>>()));
    }
}
