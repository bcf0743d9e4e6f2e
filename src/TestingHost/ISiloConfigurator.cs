using OrleansBank.Runtime;

namespace OrleansBank.TestingHost;

/// <summary>Configures every silo of a test cluster; a class with a parameterless constructor, as in Orleans.</summary>
public interface ISiloConfigurator
{
    /// <summary>Configures one silo.</summary>
    void Configure(ISiloBuilder siloBuilder);
}
