using OrleansBank.Runtime.Messaging.Client;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Messaging.Client;

public class ManifestTypeResolverTests
{
    private readonly ManifestTypeResolver _resolver = new();

    [Fact]
    public void GetGrainType_BeforeAnyWelcome_ThrowsSayingToStartTheHost()
    {
        var error = Assert.Throws<InvalidOperationException>(() => _resolver.GetGrainType(typeof(IEchoGrain)));

        Assert.Contains("start its host", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetGrainType_InterfaceInTheManifest_ReturnsItsGrainType()
    {
        _resolver.Use(Manifest("silo-1", ("echo", typeof(IEchoGrain))));

        Assert.Equal("echo", _resolver.GetGrainType(typeof(IEchoGrain)));
    }

    [Fact]
    public void GetGrainType_InterfaceNotInTheManifest_ThrowsNamingTheSiloAndTheInterface()
    {
        _resolver.Use(Manifest("silo-1"));

        var error = Assert.Throws<ArgumentException>(() => _resolver.GetGrainType(typeof(IEchoGrain)));

        Assert.Contains("silo-1", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IEchoGrain), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Use_LaterWelcome_ReplacesTheEarlierManifest()
    {
        _resolver.Use(Manifest("silo-1", ("echo-old", typeof(IEchoGrain))));

        _resolver.Use(Manifest("silo-2", ("echo-new", typeof(IEchoGrain))));

        Assert.Equal("echo-new", _resolver.GetGrainType(typeof(IEchoGrain)));
    }

    private static Manifest Manifest(string silo, params (string GrainType, Type Interface)[] grains) =>
        new(silo, grains.ToDictionary(g => g.Interface.FullName!, g => g.GrainType));
}
