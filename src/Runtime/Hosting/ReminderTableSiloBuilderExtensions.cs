using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime;

/// <summary>Registers the store that holds a silo's durable reminders.</summary>
public static class ReminderTableSiloBuilderExtensions
{
    /// <summary>
    /// Keeps reminders in memory, beside membership: give it the <see cref="MemoryClusterStore"/> passed to
    /// <see cref="ClusterTablesSiloBuilderExtensions.AddMemoryClusterTables"/>, and the same one to every silo of an
    /// in-process cluster. Without one, the silo's reminders are its own and die with the process.
    /// </summary>
    public static ISiloBuilder AddMemoryReminderTable(this ISiloBuilder builder, MemoryClusterStore? store = null)
    {
        var shared = store ?? new MemoryClusterStore();
        return builder.AddReminderTable(sp => new MemoryReminderTable(shared, sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId));
    }

    /// <summary>
    /// Adds the reminder table built once by <paramref name="factory"/>; <see cref="ClusterOptions"/> (which scope its
    /// rows) are bound from the section Cluster and validated at start. The SQLite and PostgreSQL stores register
    /// themselves through this.
    /// </summary>
    public static ISiloBuilder AddReminderTable<TTable>(this ISiloBuilder builder, Func<IServiceProvider, TTable> factory)
        where TTable : class, IReminderTable
    {
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.AddOptions<ClusterOptions>()
            .Bind(builder.Configuration.GetSection(ClusterOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        builder.Services.AddSingleton(factory);
        builder.Services.AddSingleton<IReminderTable>(sp => sp.GetRequiredService<TTable>());
        return builder;
    }
}
