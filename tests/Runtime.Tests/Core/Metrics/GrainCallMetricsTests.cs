using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Metrics;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Core.Metrics;

public class GrainCallMetricsTests
{
    private const string Calls = "orleansbank.grain.calls";
    private const string Duration = "orleansbank.grain.call.duration";

    [Fact]
    public async Task GrainCall_Completed_CountsOneOkCallAndOneDurationPerCall()
    {
        await using var silo = await TestSilo.StartAsync();
        using var recorder = new MeasurementRecorder(silo.Cluster.ServiceProvider);
        var grain = silo.Grains.GetGrain<IEchoGrain>("metrics");

        for (var i = 0; i < 5; i++)
        {
            await grain.Add(i, 1);
        }

        Assert.Equal(5, recorder.Sum(Calls, ("grain.type", "echo"), ("grain.method", "Add"), ("outcome", "ok")));
        var durations = recorder.Values(Duration, ("grain.type", "echo"), ("grain.method", "Add"), ("outcome", "ok"));
        Assert.Equal(5, durations.Count);
        Assert.All(durations, d => Assert.True(d >= 0, $"a duration is never negative, got {d}"));
    }

    [Fact]
    public async Task GrainCall_GrainThrows_CountsAnErrorOutcome()
    {
        await using var silo = await TestSilo.StartAsync();
        using var recorder = new MeasurementRecorder(silo.Cluster.ServiceProvider);
        var grain = silo.Grains.GetGrain<IThrowingGrain>("metrics");

        await Assert.ThrowsAsync<GrainFailureException>(() => grain.Throw("boom"));
        await grain.Increment();

        Assert.Equal(1, recorder.Sum(Calls, ("grain.type", "throwing"), ("grain.method", "Throw"), ("outcome", "error")));
        Assert.Equal(0, recorder.Sum(Calls, ("grain.method", "Throw"), ("outcome", "ok")));
        Assert.Equal(1, recorder.Sum(Calls, ("grain.type", "throwing"), ("grain.method", "Increment"), ("outcome", "ok")));
    }

    [Fact]
    public async Task GrainCall_ExpiredBeforeItsTurn_CountsATimeoutOutcome()
    {
        var time = new ManualTimeProvider();
        await using var silo = await TestSilo.StartAsync(time);
        using var recorder = new MeasurementRecorder(silo.Cluster.ServiceProvider);
        var grain = silo.Grains.GetGrain<IRecorderGrain>("expired");
        var first = grain.Hold("a");
        await silo.Gates.WaitFor("entered:a");
        var late = grain.Hold("late");
        await silo.Cluster.WaitForQueuedRequestsAsync(grain, 1);

        time.Advance(TimeSpan.FromSeconds(31));
        await Assert.ThrowsAsync<TimeoutException>(() => late);
        await Assert.ThrowsAsync<TimeoutException>(() => first);
        silo.Gates.Raise("release:a");
        silo.Gates.Raise("release:next");
        await grain.Hold("next");

        // "a" ran to its end (its caller had given up, but the silo answered ok); "late" never ran: timeout.
        Assert.Equal(1, recorder.Sum(Calls, ("grain.method", "Hold"), ("outcome", "timeout")));
        Assert.Equal(2, recorder.Sum(Calls, ("grain.method", "Hold"), ("outcome", "ok")));
    }

    [Fact]
    public async Task GrainCall_NoListener_RecordsNoStartTime()
    {
        await using var silo = await TestSilo.StartAsync();
        var metrics = silo.Cluster.ServiceProvider.GetRequiredService<GrainCallMetrics>();

        await silo.Grains.GetGrain<IEchoGrain>("quiet").Nothing();

        Assert.False(metrics.Enabled);
        Assert.Equal(0, metrics.Start());
    }

    [Fact]
    public async Task GrainCall_TwoSilosInOneProcess_EachCountsOnlyItsOwnCalls()
    {
        await using var first = await TestSilo.StartAsync();
        await using var second = await TestSilo.StartAsync();
        using var recorder = new MeasurementRecorder(first.Cluster.ServiceProvider);

        await second.Grains.GetGrain<IEchoGrain>("other").Nothing();
        await first.Grains.GetGrain<IEchoGrain>("mine").Nothing();

        Assert.Equal(1, recorder.Sum(Calls, ("grain.type", "echo"), ("grain.method", "Nothing")));
    }

    [Fact]
    public async Task ClientCall_ThroughTheGateway_IsCountedAsAGatewayCallOnlyThere()
    {
        // The gateway silo counts what clients sent it, wherever the grain runs: /metrics of the silo a client talks to
        // shows its calls even when every grain it reaches lives on another silo.
        await using var silo = await TestSilo.StartAsync(transport: TestClientTransport.InMemory);
        using var recorder = new MeasurementRecorder(silo.Cluster.ServiceProvider);
        var grain = silo.Grains.GetGrain<IEchoGrain>("through-the-gateway");

        for (var i = 0; i < 3; i++)
        {
            await grain.Nothing();
        }

        await using var hosted = await TestSilo.StartAsync();
        using var hostedRecorder = new MeasurementRecorder(hosted.Cluster.ServiceProvider);
        await hosted.Grains.GetGrain<IEchoGrain>("in-the-silo").Nothing();

        Assert.Equal(3, recorder.Sum(GrainCallMetrics.GatewayCallsName, ("grain.type", "echo"), ("grain.method", "Nothing")));
        Assert.Equal(0, hostedRecorder.Sum(GrainCallMetrics.GatewayCallsName));
        Assert.Equal(1, hostedRecorder.Sum(Calls, ("grain.type", "echo"), ("grain.method", "Nothing")));
    }
}
