using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Messaging.SiloLinks;

/// <summary>One connection of an outbound silo link, from its hello to its close.</summary>
internal sealed class SiloLinkConnection(FramedConnection connection, byte[]? nonce)
{
    private readonly TaskCompletionSource _welcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FramedConnection Connection { get; } = connection;

    /// <summary>With a cluster secret, the nonce this silo sent in its hello; the peer's proof must sign it.</summary>
    public byte[]? Nonce { get; } = nonce;

    /// <summary>With a cluster secret, the peer's challenge nonce, which this silo signed.</summary>
    public byte[]? PeerNonce { get; set; }

    public Task Welcome => _welcome.Task;

    public bool Welcomed => _welcome.Task.IsCompletedSuccessfully;

    public bool IsUsable => Welcomed && !Connection.IsClosed;

    public void OnWelcome() => _welcome.TrySetResult();

    public void OnClosed(string reason) => _welcome.TrySetException(new SiloUnavailableException(reason));
}
