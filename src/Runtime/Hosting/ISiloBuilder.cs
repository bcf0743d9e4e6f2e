using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OrleansBank.Runtime;

/// <summary>Configures a silo: grain assemblies, storage, options; extended by methods such as AddMemoryGrainStorage.</summary>
public interface ISiloBuilder
{
    /// <summary>The host's services, where silo components are registered.</summary>
    IServiceCollection Services { get; }

    /// <summary>The host's configuration.</summary>
    IConfiguration Configuration { get; }
}
