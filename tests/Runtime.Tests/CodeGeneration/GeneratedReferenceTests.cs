using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.CodeGeneration;

public class GeneratedReferenceTests
{
    // The generated class's name carries a hash of the interface's name; the runtime knows which class it is.
    private static readonly string GeneratedRequest = GrainInterface.For(typeof(IRequestProbeGrain)).Generated!.Methods[0].NewRequest().GetType().FullName!;

    [Fact]
    public async Task GetGrain_GeneratedInterface_ReturnsTheGeneratedReference()
    {
        await using var silo = await TestSilo.StartAsync();

        var grain = silo.Grains.GetGrain<IEchoGrain>("e");

        Assert.IsAssignableFrom<GeneratedGrainReference>(grain);
        Assert.IsNotAssignableFrom<GrainReference>(grain);
        Assert.Equal("GrainReference(IEchoGrain, echo/e)", grain.ToString());
        Assert.Equal(3.5m, await grain.Add(1.5m, 2m));
    }

    [Theory]
    [InlineData(TestClientTransport.Hosted)]
    [InlineData(TestClientTransport.InMemory)]
    public async Task Call_GeneratedInterface_RunsThroughTheGeneratedRequest(TestClientTransport transport)
    {
        await using var silo = await TestSilo.StartAsync(transport: transport);

        var answer = await silo.Grains.GetGrain<IRequestProbeGrain>("p").InvokedBy(7, null, "x", [1, 2]);

        // Over the wire too: the silo decodes the frame into the generated request, not an argument array.
        Assert.Equal($"{GeneratedRequest} 7 null x [1,2]", answer);
    }

    [Fact]
    public async Task Equals_GeneratedReferencesToOneGrain_AreEqual()
    {
        await using var silo = await TestSilo.StartAsync();

        Assert.Equal(silo.Grains.GetGrain<IEchoGrain>("e"), silo.Grains.GetGrain<IEchoGrain>("e"));
        Assert.NotEqual(silo.Grains.GetGrain<IEchoGrain>("e"), silo.Grains.GetGrain<IEchoGrain>("f"));
    }

    [Fact]
    public async Task Equals_GeneratedAndProxyReferencesToOneGrain_AreEqualBothWays()
    {
        await using var silo = await TestSilo.StartAsync();
        var generated = silo.Grains.GetGrain<IEchoGrain>("e");
        var id = generated.GetGrainId();

        // The invoker is never reached: equality is the grain's identity alone, whichever kind of reference names it.
        var proxy = GrainReference.Create(GrainInterface.For(typeof(IEchoGrain)), id, invoker: null!);
        var elsewhere = GrainReference.Create(GrainInterface.For(typeof(IEchoGrain)), new GrainId(id.Type, "f"), invoker: null!);

        Assert.True(generated.Equals(proxy));
        Assert.True(proxy.Equals(generated));
        Assert.Equal(generated.GetHashCode(), proxy.GetHashCode());
        Assert.False(generated.Equals(elsewhere));
        Assert.False(elsewhere.Equals(generated));
    }

    [Fact]
    public void For_GeneratedInterface_GivesEveryMethodItsGeneratedRequest()
    {
        var binding = GrainInterface.For(typeof(IEchoGrain)).Generated;

        Assert.NotNull(binding);
        Assert.Equal(3, binding.Methods.Length);
        Assert.All(binding.Methods, m => Assert.NotNull(m.CreateRequest));
        Assert.IsNotType<ArgumentsRequest>(binding.Methods[0].NewRequest());
    }
}
