using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansBank.Persistence.Sqlite;

namespace OrleansBank.Runtime;

/// <summary>Registers the SQLite reminder table with a silo.</summary>
public static class SqliteReminderSiloBuilderExtensions
{
    /// <summary>
    /// Keeps reminders in the SQLite file that holds membership (<see cref="SqliteClusterOptions.DatabasePath"/>), shared
    /// by every silo process on this machine. The options are the cluster tables' own (section Cluster:Sqlite), so
    /// <paramref name="configure"/> changes them for both; they are validated when the silo starts.
    /// </summary>
    public static ISiloBuilder AddSqliteReminderTable(this ISiloBuilder builder, Action<SqliteClusterOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<SqliteClusterOptions>()
            .Bind(builder.Configuration.GetSection(SqliteClusterOptions.ConfigurationSection))
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteClusterOptions>, SqliteClusterOptionsValidator>());
        return builder.AddReminderTable(sp => new SqliteReminderTable(
            sp.GetRequiredService<IOptions<SqliteClusterOptions>>().Value,
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId));
    }
}
