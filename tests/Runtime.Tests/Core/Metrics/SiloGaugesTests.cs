using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Core.Metrics;

/// <summary>The observable instruments and the long-turn counter, on a test silo driven by a manual clock.</summary>
public class SiloGaugesTests
{
    [Fact]
    public async Task Collect_OneRequestRunningAndOneQueued_ShowsTheActivationAndOneQueuedRequest()
    {
        await using var silo = await TestSilo.StartAsync();
        using var recorder = new MeasurementRecorder(silo.Cluster.ServiceProvider);
        var grain = silo.Grains.GetGrain<IRecorderGrain>("busy");
        var first = grain.Hold("a");
        await silo.Gates.WaitFor("entered:a");
        var second = grain.Hold("b");
        await silo.Cluster.WaitForQueuedRequestsAsync(grain, 1);

        recorder.Collect();

        Assert.Equal([1.0], recorder.Values("orleansbank.activations", ("grain.type", "recorder")));
        Assert.Equal([1.0], recorder.Values("orleansbank.requests.queued"));
        silo.Gates.Raise("release:a");
        silo.Gates.Raise("release:b");
        await Task.WhenAll(first, second);
    }

    [Fact]
    public async Task Collect_ExternalClientConnected_CountsOneGatewayConnectionAndNoSiloLink()
    {
        await using var silo = await TestSilo.StartAsync(transport: TestClientTransport.InMemory);
        using var recorder = new MeasurementRecorder(silo.Cluster.ServiceProvider);
        await silo.Grains.GetGrain<IEchoGrain>("connected").Nothing();

        recorder.Collect();

        Assert.Equal([1.0], recorder.Values("orleansbank.gateway.connections", ("port", "gateway")));
        Assert.Equal([0.0], recorder.Values("orleansbank.gateway.connections", ("port", "silo")));
    }

    [Fact]
    public async Task Turn_LongerThanTheThreshold_CountsOneLongTurnOfItsGrainType()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time, s => s.Configure<SiloMetricsOptions>(o => o.LongTurnThreshold = TimeSpan.FromSeconds(1)));
        using var recorder = new MeasurementRecorder(silo.Cluster.ServiceProvider);
        var grain = silo.Grains.GetGrain<IRecorderGrain>("long");
        var held = grain.Hold("a");
        await silo.Gates.WaitFor("entered:a");

        time.Advance(TimeSpan.FromSeconds(2));
        silo.Gates.Raise("release:a");
        await held;
        silo.Gates.Raise("release:quick");
        await grain.Hold("quick");

        Assert.Equal(1, recorder.Sum("orleansbank.turns.long", ("grain.type", "recorder")));
    }

    [Fact]
    public void Options_LongTurnThresholdZero_IsAProblemNamingTheSetting()
    {
        var problems = new SiloMetricsOptions { LongTurnThreshold = TimeSpan.Zero }.Problems().ToList();

        Assert.Contains("Metrics:LongTurnThreshold", Assert.Single(problems));
    }
}
