using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansBank.Persistence.Postgres;

namespace OrleansBank.Runtime;

/// <summary>Registers the PostgreSQL reminder table with a silo.</summary>
public static class PostgresReminderSiloBuilderExtensions
{
    /// <summary>
    /// Keeps reminders in the PostgreSQL database that holds membership, shared by silos on many machines. The options
    /// are the cluster tables' own (section Cluster:Postgres), so <paramref name="configure"/> changes them for both;
    /// they are validated when the silo starts.
    /// </summary>
    public static ISiloBuilder AddPostgresReminderTable(this ISiloBuilder builder, Action<PostgresClusterOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<PostgresClusterOptions>()
            .Bind(builder.Configuration.GetSection(PostgresClusterOptions.ConfigurationSection))
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresClusterOptions>, PostgresClusterOptionsValidator>());
        return builder.AddReminderTable(sp => new PostgresReminderTable(
            sp.GetRequiredService<IOptions<PostgresClusterOptions>>().Value,
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId));
    }
}
