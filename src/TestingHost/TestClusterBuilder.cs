using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime;

namespace OrleansBank.TestingHost;

/// <summary>Builds a <see cref="TestCluster"/>: each configuration step applies to every silo.</summary>
public sealed class TestClusterBuilder
{
    private readonly List<Action<ISiloBuilder>> _siloConfigurations = [];
    private readonly List<Action<IClientBuilder>> _clientConfigurations = [];
    private TestClientTransport _clientTransport = TestClientTransport.Hosted;

    /// <summary>A builder for a cluster of one silo.</summary>
    public TestClusterBuilder()
    {
    }

    /// <summary>A builder for a cluster of <paramref name="initialSilosCount"/> silos, as in Orleans.</summary>
    public TestClusterBuilder(short initialSilosCount)
    {
        Options.InitialSilosCount = initialSilosCount;
    }

    /// <summary>The cluster's shape: silo count, cluster id, membership.</summary>
    public TestClusterOptions Options { get; } = new();

    /// <summary>Adds a silo configuration step.</summary>
    public TestClusterBuilder ConfigureSilo(Action<ISiloBuilder> configure)
    {
        _siloConfigurations.Add(configure);
        return this;
    }

    /// <summary>Adds a silo configurator class, as in Orleans' TestClusterBuilder.</summary>
    public TestClusterBuilder AddSiloBuilderConfigurator<TConfigurator>()
        where TConfigurator : ISiloConfigurator, new() =>
        ConfigureSilo(new TConfigurator().Configure);

    /// <summary>Chooses how <see cref="TestCluster.Client"/> reaches the silos; the default is <see cref="TestClientTransport.Hosted"/>.</summary>
    public TestClusterBuilder UseClientTransport(TestClientTransport transport)
    {
        _clientTransport = transport;
        return this;
    }

    /// <summary>Adds a configuration step for the external client (not used with a hosted client).</summary>
    public TestClusterBuilder ConfigureClient(Action<IClientBuilder> configure)
    {
        _clientConfigurations.Add(configure);
        return this;
    }

    /// <summary>
    /// Uses <paramref name="time"/> as every silo's clock and timer source: with a <see cref="ManualTimeProvider"/>,
    /// heartbeats and probes run only when the test advances it.
    /// </summary>
    public TestClusterBuilder UseTimeProvider(TimeProvider time) =>
        ConfigureSilo(silo => silo.Services.AddSingleton(time));

    /// <summary>Creates the cluster; call <see cref="TestCluster.DeployAsync"/> to start it.</summary>
    public TestCluster Build()
    {
        var options = new TestClusterOptions
        {
            InitialSilosCount = Options.InitialSilosCount,
            ClusterId = Options.ClusterId,
            UseClusterMembership = Options.UseClusterMembership,
        };
        options.Validate();
        return new(options, [.. _siloConfigurations], [.. _clientConfigurations], _clientTransport);
    }
}
