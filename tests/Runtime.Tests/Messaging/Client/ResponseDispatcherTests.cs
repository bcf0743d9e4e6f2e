using Microsoft.Extensions.Options;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging;
using OrleansBank.Runtime.Messaging.Client;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Messaging.Transport;
using OrleansBank.Runtime.Tests.TestGrains;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging.Client;

public sealed class ResponseDispatcherTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private static readonly GrainInterfaceMethod Add = GrainInterface.For(typeof(IEchoGrain)).Methods.Single(m => m.Name == nameof(IEchoGrain.Add));

    private readonly ManualTimeProvider _time = new();
    private readonly CoarseClock _clock;
    private readonly PendingCallTable _table;
    private readonly ResponseDispatcher _dispatcher;
    private readonly GatewaySession _sessionA = Session("gateway-a");
    private readonly GatewaySession _sessionB = Session("gateway-b");

    public ResponseDispatcherTests()
    {
        var options = Options.Create(new MessagingOptions());
        _clock = new CoarseClock(_time, options);
        _table = new PendingCallTable(_time, _clock, options);
        _dispatcher = new ResponseDispatcher(_table);
    }

    public async ValueTask DisposeAsync()
    {
        await _sessionA.Connection.DisposeAsync();
        await _sessionB.Connection.DisposeAsync();
        _table.Dispose();
        _clock.Dispose();
    }

    [Fact]
    public async Task OnResponse_ResultForAPendingCall_CompletesItAndRemovesIt()
    {
        var call = Start("a", _sessionA);

        Dispatch(w => FrameCodec.WriteResponse(w, call.Id, Add, 3m));

        Assert.Equal(3m, await (Task<decimal>)call.Task);
        Assert.Equal(0, _table.Count);
    }

    [Fact]
    public async Task OnResponse_FailureForAPendingCall_FailsItWithTheSilosError()
    {
        var call = Start("a", _sessionA);

        Dispatch(w => FrameCodec.WriteFailure(w, call.Id, new ArgumentException("bad amount")));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => call.Task);
        Assert.Contains("bad amount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnResponse_IdOfNoPendingCall_IsIgnored()
    {
        var call = Start("a", _sessionA);

        Dispatch(w => FrameCodec.WriteResponse(w, call.Id + 1000, Add, 3m));

        Assert.False(call.Task.IsCompleted);
        Assert.Equal(1, _table.Count);
    }

    [Fact]
    public async Task OnClosed_Session_FailsOnlyTheCallsSentOnItAsSiloUnavailable()
    {
        var onA = Start("a", _sessionA);
        var onB = Start("b", _sessionB);
        var unsent = Start("c", route: null);

        _dispatcher.OnClosed(_sessionA, "reset by peer");

        var error = await Assert.ThrowsAsync<SiloUnavailableException>(() => onA.Task);
        Assert.Contains("gateway-a", error.Message, StringComparison.Ordinal);
        Assert.Contains("reset by peer", error.Message, StringComparison.Ordinal);
        Assert.Contains("may or may not have run", error.Message, StringComparison.Ordinal);
        Assert.False(onB.Task.IsCompleted);
        Assert.False(unsent.Task.IsCompleted);
        Assert.Equal(2, _table.Count);
    }

    private static GatewaySession Session(string remote) =>
        new(new FramedConnection(new MemoryStream(), remote, new ConnectionOptions()));

    private IPendingCall Start(string key, GatewaySession? route)
    {
        var call = Add.CreatePendingCall();
        call.Start(_table, _table.NextId(), new GrainId("echo", key), Add, _clock.After(Timeout), Timeout);
        call.Route = route;
        return call;
    }

    /// <summary>Hands the dispatcher a response frame as the connector does: after the frame's kind byte.</summary>
    private void Dispatch(Action<WireWriter> write)
    {
        using var writer = new WireWriter();
        write(writer);
        var payload = writer.WrittenSpan[FrameCodec.HeaderSize..];
        Assert.Equal((byte)FrameKind.Response, payload[0]);
        var reader = new WireReader(payload[1..]);
        _dispatcher.OnResponse(ref reader);
    }
}
