using OrleansBank.Runtime.Messaging;

namespace OrleansBank.Runtime.Tests.CodeGeneration;

public class GrainReferenceRegistryTests
{
    // Private and nested, so the generator skips them: each test registers code of its own for one of them.
    private interface IStaleGrain : IGrainWithStringKey
    {
        Task Ping();
    }

    private interface IRenamedGrain : IGrainWithStringKey
    {
        Task Ping();
    }

    [Fact]
    public void For_RegisteredCodeWithAnotherMethodCount_ThrowsSayingToRebuild()
    {
        GrainReferenceRegistry.Register(typeof(IStaleGrain), static (_, _) => new object());

        var error = Assert.Throws<InvalidOperationException>(() => GrainInterface.For(typeof(IStaleGrain)));

        Assert.Equal("The generated code of grain interface IStaleGrain does not match it (it has 0 methods and the interface 1): rebuild the project that defines it.", error.Message);
    }

    [Fact]
    public void For_RegisteredCodeNamingAMethodTheInterfaceLacks_ThrowsSayingToRebuild()
    {
        GrainReferenceRegistry.Register(
            typeof(IRenamedGrain),
            static (_, _) => new object(),
            new GeneratedGrainMethod(typeof(IRenamedGrain), "Pong", [], static () => throw new InvalidOperationException("never made")));

        var error = Assert.Throws<InvalidOperationException>(() => GrainInterface.For(typeof(IRenamedGrain)));

        Assert.Equal("The generated code of grain interface IRenamedGrain does not match it (IRenamedGrain.Pong() is not a method of IRenamedGrain): rebuild the project that defines it.", error.Message);
    }
}
