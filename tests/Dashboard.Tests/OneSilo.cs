using OrleansBank.Tests.Shared;

namespace OrleansBank.Dashboard.Tests;

/// <summary>One real silo process shared by a test class's tests.</summary>
public sealed class OneSilo : IAsyncLifetime
{
    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync() => Silo = await SiloProcess.StartAsync();

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
