using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime;

/// <summary>Registers the store that holds a silo's membership table and grain directory.</summary>
public static class ClusterTablesSiloBuilderExtensions
{
    /// <summary>
    /// Keeps membership and directory in memory. Give every silo of an in-process cluster the same
    /// <paramref name="store"/>; without one, the silo is a cluster of its own.
    /// </summary>
    public static ISiloBuilder AddMemoryClusterTables(this ISiloBuilder builder, MemoryClusterStore? store = null)
    {
        var shared = store ?? new MemoryClusterStore();
        return builder.AddClusterTables(sp => new MemoryClusterTables(shared, sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId));
    }

    /// <summary>
    /// Adds a store of membership, its change signal and the grain directory, built once by <paramref name="factory"/>
    /// and served as all three; <see cref="ClusterOptions"/> are bound from the section Cluster and validated at start.
    /// The SQLite and PostgreSQL stores register themselves through this.
    /// </summary>
    public static ISiloBuilder AddClusterTables<TTables>(this ISiloBuilder builder, Func<IServiceProvider, TTables> factory)
        where TTables : class, IMembershipTable, IMembershipTableChanges, IGrainDirectoryTable
    {
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.AddOptions<ClusterOptions>()
            .Bind(builder.Configuration.GetSection(ClusterOptions.SectionName))
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        builder.Services.AddSingleton(factory);
        builder.Services.AddSingleton<IMembershipTable>(sp => sp.GetRequiredService<TTables>());
        builder.Services.AddSingleton<IMembershipTableChanges>(sp => sp.GetRequiredService<TTables>());
        builder.Services.AddSingleton<IGrainDirectoryTable>(sp => sp.GetRequiredService<TTables>());
        return builder;
    }
}
