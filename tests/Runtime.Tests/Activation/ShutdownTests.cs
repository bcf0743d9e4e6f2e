using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Activation;

/// <summary>What callers see while a silo stops: a refusal they can retry, for calls that provably did not run.</summary>
public class ShutdownTests
{
    public static TheoryData<TestClientTransport> Transports =>
        [TestClientTransport.Hosted, TestClientTransport.InMemory, TestClientTransport.Tcp];

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Call_WhileSiloStopsWithATurnInFlight_IsRefusedAsShuttingDownAndNotRun(TestClientTransport transport)
    {
        await using var silo = await TestSilo.StartAsync(transport: transport);
        var busy = silo.Grains.GetGrain<IRecorderGrain>("busy");
        await silo.Grains.GetGrain<ILifecycleGrain>("idle").Touch();
        var held = busy.Hold("held");
        await silo.Gates.WaitFor("entered:held");
        var queued = busy.Hold("queued");
        await silo.Cluster.WaitForQueuedRequestsAsync(busy, 1);

        // Only the silo stops; an external client stays up to see what the silo answers.
        var stopping = silo.Cluster.ServiceProvider.GetRequiredService<IHost>().StopAsync();
        await silo.Gates.WaitFor("deactivated:idle");

        var refusal = await Assert.ThrowsAsync<SiloShuttingDownException>(
            () => silo.Grains.GetGrain<IRecorderGrain>("fresh").Hold("refused").WaitAsync(Poll.DefaultTimeout));
        Assert.False(held.IsCompleted, "the held turn must still be in flight when the new call is refused");
        Assert.False(stopping.IsCompleted, "shutdown must wait for the held turn");
        Assert.Contains("is shutting down and did not run IRecorderGrain.Hold on recorder/fresh", refusal.Message);
        Assert.Contains("retry it (with the same operation id)", refusal.Message);

        silo.Gates.Raise("release:held");
        await held.WaitAsync(Poll.DefaultTimeout);
        await Assert.ThrowsAsync<SiloShuttingDownException>(() => queued.WaitAsync(Poll.DefaultTimeout));
        await stopping.WaitAsync(Poll.DefaultTimeout);

        Assert.Contains("exit:held", silo.Gates.Log);
        Assert.DoesNotContain("enter:refused", silo.Gates.Log);
        Assert.DoesNotContain("enter:queued", silo.Gates.Log);
    }

    [Fact]
    public void SiloShuttingDownException_IsASiloUnavailableException_SoClientsTreatItAsRetryable()
    {
        var error = SiloShuttingDownException.Refusing(SiloAddress.Parse("127.0.0.1:11111:1"), "IRecorderGrain.Hold", new GrainId("recorder", "r"));

        Assert.IsAssignableFrom<SiloUnavailableException>(error);
        Assert.Contains("nothing changed", error.Message);
    }
}
