using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging;

/// <summary>The call contract, through the gateway: over in-process pipes and over TCP.</summary>
public class TransportTests
{
    public static TheoryData<TestClientTransport> Transports => [TestClientTransport.InMemory, TestClientTransport.Tcp];

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Call_WithRecordArgument_RoundTripsEveryField(TestClientTransport transport)
    {
        await using var silo = await TestSilo.StartAsync(transport: transport);
        var sent = new Parcel("box", 12.345m, Colour.Green, [1, 2, 3], new() { ["a"] = Guid.NewGuid() },
            new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(2)), TimeSpan.FromMinutes(90), null);

        var back = await silo.Grains.GetGrain<IEchoGrain>("e").Echo(sent);

        Assert.Equal("box!", back.Label);
        Assert.Equal((sent.Weight, sent.Colour, sent.SentAt, sent.Transit, sent.Priority), (back.Weight, back.Colour, back.SentAt, back.Transit, back.Priority));
        Assert.Equal(sent.Items, back.Items);
        Assert.Equal(sent.Tags, back.Tags);
        Assert.Equal(3.3m, await silo.Grains.GetGrain<IEchoGrain>("e").Add(1.1m, 2.2m));
        await silo.Grains.GetGrain<IEchoGrain>("e").Nothing();
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task GrainThrows_RemoteCallerGetsSameTypeAndMessage(TestClientTransport transport)
    {
        await using var silo = await TestSilo.StartAsync(transport: transport);

        var error = await Assert.ThrowsAsync<GrainFailureException>(() => silo.Grains.GetGrain<IThrowingGrain>("t").Throw("over the wire"));

        Assert.Equal("over the wire", error.Message);
        Assert.Contains(nameof(ThrowingGrain), error.StackTrace);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task CallCycle_StartedByRemoteClient_FailsFastWithDeadlockException(TestClientTransport transport)
    {
        await using var silo = await TestSilo.StartAsync(transport: transport);

        var error = await Assert.ThrowsAsync<DeadlockException>(() => silo.Grains.GetGrain<IChainGrain>("a").CallThrough("b"));

        Assert.Contains("chain/a.CallThrough -> chain/b.CallBack -> chain/a.Ping", error.Message);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Call_KeyOrArgumentNotValidText_FailsAtCallerBeforeSending_ConnectionStaysUsable(TestClientTransport transport)
    {
        await using var silo = await TestSilo.StartAsync(transport: transport);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => silo.Grains.GetGrain<ICounterGrain>("k\uD800").Increment());
        Assert.Contains("\"k\\uD800\" is not valid text: a lone surrogate (U+D800) at index 1", error.Message);
        // The replacing encoder made both keys "k\uFFFD": one account. Now neither leaves the caller.
        await Assert.ThrowsAsync<ArgumentException>(() => silo.Grains.GetGrain<ICounterGrain>("k\uDBFF").Increment());
        await Assert.ThrowsAsync<ArgumentException>(() => silo.Grains.GetGrain<IChainGrain>("a").CallThrough("b\uDFFF"));

        Assert.Equal(0, silo.Cluster.ActivationCount);
        Assert.Equal(1, await silo.Grains.GetGrain<ICounterGrain>("k").Increment());
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ManyCallsInFlight_OnOneConnection_AllComplete(TestClientTransport transport)
    {
        await using var silo = await TestSilo.StartAsync(transport: transport);

        var sums = await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => silo.Grains.GetGrain<IEchoGrain>($"e{i % 50}").Add(i, 0.5m)));

        Assert.Equal(Enumerable.Range(0, 2000).Select(i => i + 0.5m), sums);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task ConnectionDropped_PendingCallFailsAtOnce_NextCallReconnects(TestClientTransport transport)
    {
        await using var silo = await TestSilo.StartAsync(transport: transport);
        var hanging = silo.Grains.GetGrain<IRecorderGrain>("r").Hold("a");
        await silo.Gates.WaitFor("entered:a");

        await silo.Cluster.DropClientConnectionsAsync();

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => hanging.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("was lost", error.Message);
        Assert.Contains("recorder/r.Hold", error.Message);
        Assert.Equal(5m, await silo.Grains.GetGrain<IEchoGrain>("e").Add(2m, 3m));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task RemoteCall_NoAnswerWithinMethodTimeout_FailsWithTimeout(TestClientTransport transport)
    {
        await using var silo = await TestSilo.StartAsync(transport: transport);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => silo.Grains.GetGrain<ISlowGrain>("slow").HangBriefly());

        Assert.Contains("HangBriefly", error.Message);
    }
}
