using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Core.Diagnostics;

/// <summary>Spans of grain calls in a two-silo <see cref="TestCluster"/> with a client on its gateway: one trace, parent to child.</summary>
public class GrainCallTracingTests
{
    private static async Task<TestCluster> StartAsync()
    {
        var cluster = new TestClusterBuilder(2)
            .UseClientTransport(TestClientTransport.InMemory)
            .ConfigureSilo(silo => silo
                .AddGrainAssembly(typeof(GrainCallTracingTests).Assembly)
                .AddMemoryGrainStorageAsDefault()
                .ConfigureServices(s => s.AddSingleton(new Gates())))
            .Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static IGrainFactory Via(TestCluster cluster, int silo) => cluster.Silos[silo].ServiceProvider.GetRequiredService<IGrainFactory>();

    [Fact]
    public async Task GrainCallingGrain_OnAnotherSilo_CallerAndCalleeSpansShareOneTraceParentToChild()
    {
        await using var cluster = await StartAsync();
        using var spans = new SpanRecorder();
        // Prefer-local placement: "tr-b" lives on silo 1, "tr-a" on silo 0, so a's call to b crosses the silo link.
        await Via(cluster, 1).GetGrain<ITracedGrain>("tr-b").Ping();
        await Via(cluster, 0).GetGrain<ITracedGrain>("tr-a").Ping();

        Activity root;
        using (root = SpanRecorder.StartRoot("test"))
        {
            Assert.Equal("tr-b", await Via(cluster, 0).GetGrain<ITracedGrain>("tr-a").CallOther("tr-b"));
        }

        var trace = spans.InTrace(root.TraceId);
        var callA = Single(trace, "traced/CallOther", ActivityKind.Client);
        var runA = Single(trace, "traced/CallOther", ActivityKind.Server);
        var callB = Single(trace, "traced/Ping", ActivityKind.Client);
        var runB = Single(trace, "traced/Ping", ActivityKind.Server);
        Assert.Equal(4, trace.Count);
        Assert.Equal(root.SpanId, callA.ParentSpanId);
        Assert.Equal(callA.SpanId, runA.ParentSpanId);
        Assert.Equal(runA.SpanId, callB.ParentSpanId);
        Assert.Equal(callB.SpanId, runB.ParentSpanId);
        Assert.Equal(cluster.Silos[0].SiloAddress.ToString(), runA.GetTagItem("silo"));
        Assert.Equal(cluster.Silos[0].SiloAddress.ToString(), callB.GetTagItem("silo"));
        Assert.Equal(cluster.Silos[1].SiloAddress.ToString(), runB.GetTagItem("silo"));
        Assert.Equal("traced/tr-b", runB.GetTagItem("grain.id"));
        Assert.All(trace, s => Assert.Equal("ok", s.GetTagItem("outcome")));
    }

    [Fact]
    public async Task ClientCall_ThroughTheGateway_SiloSpanIsChildOfTheClientsWithTags()
    {
        await using var cluster = await StartAsync();
        using var spans = new SpanRecorder();

        Activity root;
        using (root = SpanRecorder.StartRoot("command"))
        {
            await cluster.Client.GetGrain<ITracedGrain>("tr-client").Ping();
        }

        var trace = spans.InTrace(root.TraceId);
        var call = Single(trace, "traced/Ping", ActivityKind.Client);
        var run = Single(trace, "traced/Ping", ActivityKind.Server);
        Assert.Equal(root.SpanId, call.ParentSpanId);
        Assert.Equal(call.SpanId, run.ParentSpanId);
        Assert.Null(call.GetTagItem("silo"));
        Assert.Contains(cluster.Silos, s => s.SiloAddress.ToString() == (string?)run.GetTagItem("silo"));
        Assert.Equal("traced", run.GetTagItem("grain.type"));
        Assert.Equal("Ping", run.GetTagItem("grain.method"));
        Assert.Equal(ActivityStatusCode.Unset, run.Status);
    }

    [Fact]
    public async Task ClientCall_GrainThrows_BothSpansCarryErrorStatusAndExceptionType()
    {
        await using var cluster = await StartAsync();
        using var spans = new SpanRecorder();

        Activity root;
        using (root = SpanRecorder.StartRoot("failing command"))
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => cluster.Client.GetGrain<ITracedGrain>("tr-fail").Fail());
        }

        var trace = spans.InTrace(root.TraceId);
        Assert.Equal(2, trace.Count);
        Assert.All(trace, s =>
        {
            Assert.Equal(ActivityStatusCode.Error, s.Status);
            Assert.Equal("error", s.GetTagItem("outcome"));
            Assert.Equal(typeof(InvalidOperationException).FullName, s.GetTagItem("exception.type"));
        });
    }

    [Fact]
    public async Task ClientCall_ThatAppendsToALog_AppendSpanIsChildOfTheTurn()
    {
        await using var cluster = await StartAsync();
        using var spans = new SpanRecorder();

        Activity root;
        using (root = SpanRecorder.StartRoot("record"))
        {
            Assert.Equal(1, await cluster.Client.GetGrain<ITracedGrain>("tr-log").Record("one"));
        }

        var trace = spans.InTrace(root.TraceId);
        var run = Single(trace, "traced/Record", ActivityKind.Server);
        var append = Single(trace, "storage/Append", ActivityKind.Internal);
        Assert.Equal(run.SpanId, append.ParentSpanId);
        Assert.Equal("items", append.GetTagItem("storage.log"));
        Assert.Equal(1, append.GetTagItem("storage.events"));
    }

    [Fact]
    public async Task Call_UnderAnUnsampledSpan_StartsNoSpanOnEitherSide()
    {
        await using var cluster = await StartAsync();
        using var spans = new SpanRecorder();

        // A parent whose trace was not sampled: under parent-based sampling nothing below it would be kept anyway.
        using (var unsampled = new Activity("unsampled").SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None).Start())
        {
            Assert.False(unsampled.Recorded);
            Assert.Equal("tr-unsampled", await cluster.Client.GetGrain<ITracedGrain>("tr-unsampled").Ping());
            Assert.Equal("tr-unsampled", await Via(cluster, 0).GetGrain<ITracedGrain>("tr-other").CallOther("tr-unsampled"));
        }

        Assert.Empty(spans.OfGrain("traced/tr-unsampled"));
        Assert.Empty(spans.OfGrain("traced/tr-other"));
    }

    [Fact]
    public async Task Call_OutsideAnyTrace_StartsNoTrace()
    {
        await using var cluster = await StartAsync();
        using var spans = new SpanRecorder();
        Activity.Current = null;

        Assert.Equal("tr-outside", await Via(cluster, 1).GetGrain<ITracedGrain>("tr-caller").CallOther("tr-outside"));

        Assert.Empty(spans.OfGrain("traced/tr-outside"));
        Assert.Empty(spans.OfGrain("traced/tr-caller"));
    }

    private static Activity Single(IReadOnlyList<Activity> trace, string name, ActivityKind kind) =>
        Assert.Single(trace, s => s.DisplayName == name && s.Kind == kind);
}
