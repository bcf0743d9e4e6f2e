using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Hosting;
using OrleansBank.Runtime.Messaging.SiloLinks;

namespace OrleansBank.Runtime;

/// <summary>Makes a silo a cluster member: joining, heartbeats, failure detection, stopping when declared dead.</summary>
public static class ClusterMembershipSiloBuilderExtensions
{
    /// <summary>
    /// Adds the membership service. Needs cluster tables (e.g. <c>AddMemoryClusterTables</c>) and a silo port, over
    /// whose links silos probe each other (or another <see cref="ISiloProber"/>); <see cref="ClusterMembershipOptions"/>
    /// are bound from the section Cluster:Membership, then <paramref name="configure"/> runs, and they are validated at start. Unless the host registered its own
    /// <see cref="ISiloLifetime"/>, a silo declared dead stops the whole host.
    /// </summary>
    public static ISiloBuilder UseClusterMembership(this ISiloBuilder builder, Action<ClusterMembershipOptions>? configure = null)
    {
        var options = builder.Services.AddOptions<ClusterMembershipOptions>()
            .Bind(builder.Configuration.GetSection(ClusterMembershipOptions.ConfigurationSection))
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<ClusterMembershipOptions>, ClusterMembershipOptionsValidator>());
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IMembershipTable>(_ => throw Missing("cluster tables", "AddMemoryClusterTables() or another cluster table store"));
        builder.Services.TryAddSingleton<IMembershipTableChanges>(_ => throw Missing("cluster tables", "AddMemoryClusterTables() or another cluster table store"));
        // Silos probe each other over their silo links; a silo without a silo port has none to probe with.
        builder.Services.TryAddSingleton<ISiloProber>(sp => sp.GetService<SiloLinkPool>() is { } links
            ? new SiloLinkProber(links)
            : throw Missing("an ISiloProber", "a silo port (UseLocalhostClustering or AddGateway), whose links carry the probes, or register an ISiloProber"));
        builder.Services.TryAddSingleton<ISiloLifetime, HostSiloLifetime>();
        builder.Services.AddSingleton<MembershipService>();
        builder.Services.AddSingleton<MembershipSiloStatusOracle>();
        builder.Services.AddSingleton<ISiloStatusView>(sp => sp.GetRequiredService<MembershipSiloStatusOracle>());
        // Silo links refuse peers this oracle calls dead; it replaces the single silo's, which knows of no one dead.
        builder.Services.Replace(ServiceDescriptor.Singleton<ISiloStatusOracle>(sp => sp.GetRequiredService<MembershipSiloStatusOracle>()));
        builder.Services.AddSingleton<MembershipHostedService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MembershipHostedService>());
        builder.Services.AddHostedService(sp => new DeadSiloLinkCloser(sp.GetRequiredService<MembershipService>(), sp.GetService<SiloLinkPool>()));
        builder.Services.AddMembershipGatewayList();
        builder.Services.AddGrainDirectory();
        return builder;
    }

    private static InvalidOperationException Missing(string what, string add) =>
        new($"UseClusterMembership needs {what}: add {add} to the silo.");
}
