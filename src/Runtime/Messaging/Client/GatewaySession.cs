using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Messaging.Client;

/// <summary>One connection to a gateway, from hello to close.</summary>
internal sealed class GatewaySession(FramedConnection connection) : ICallRoute
{
    private readonly TaskCompletionSource<Manifest> _welcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FramedConnection Connection { get; } = connection;

    public string Remote => Connection.Remote;

    public Task<Manifest> Welcome => _welcome.Task;

    public bool Welcomed => _welcome.Task.IsCompletedSuccessfully;

    public bool IsUsable => Welcomed && !Connection.IsClosed && !Draining;

    /// <summary>The gateway said it is draining: calls in flight on it are still answered; new ones go elsewhere.</summary>
    public bool Draining { get; private set; }

    public void OnDraining() => Draining = true;

    /// <summary>With a cluster secret, the nonce this client sent in its hello; the silo's proof must sign it.</summary>
    public byte[]? Nonce { get; init; }

    /// <summary>With a cluster secret, the silo's challenge nonce, which the client signed.</summary>
    public byte[]? SiloNonce { get; set; }

    public void OnWelcome(Manifest manifest) => _welcome.TrySetResult(manifest);

    public void OnClosed(string reason) =>
        _welcome.TrySetException(new SiloUnavailableException($"The gateway at {Connection.Remote} closed the connection before welcoming it: {reason}"));

    /// <summary>The error for a call that was in flight on this session when it closed.</summary>
    public SiloUnavailableException Lost(IPendingCall call, string reason) =>
        new($"The connection to the silo at {Connection.Remote} was lost ({reason}) while {call.Target}.{call.Method.Name} was in flight; it may or may not have run.");
}
