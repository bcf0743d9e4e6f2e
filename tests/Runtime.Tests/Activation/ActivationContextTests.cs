using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Activation;

/// <summary>Grain code runs in the runtime's context, never in its first caller's.</summary>
public class ActivationContextTests
{
    [Fact]
    public async Task FirstCall_CallerHoldsAnAsyncLocal_NeitherOnActivateAsyncNorTheRequestSeesIt()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Cluster.Primary.ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<IAmbientProbeGrain>("first");

        AmbientProbeGrain.Ambient.Value = "the caller's";
        var seen = await grain.Seen();

        // The activation's task is made on the caller's thread. Made before the flow was suppressed, it carried the
        // caller's context into OnActivateAsync, and into the first request, which the activation then runs inline.
        Assert.Equal(["none", "none"], seen);
    }
}
