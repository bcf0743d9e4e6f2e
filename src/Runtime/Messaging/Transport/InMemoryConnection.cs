using System.IO.Pipelines;

namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>
/// One in-memory connection: a pipe each way, and the nodes at its ends (null for an unnamed one, such as a client).
/// Dropping it fails every read and write on both ends at once, as a reset socket does.
/// </summary>
internal sealed class InMemoryConnection
{
    private readonly CancellationTokenSource _dropped = new();
    private string _reason = "";

    public InMemoryConnection(string? from, string? to)
    {
        From = from;
        To = to;
        var toServer = new Pipe();
        var toClient = new Pipe();
        Client = new InMemoryPipeStream(this, toClient.Reader, toServer.Writer);
        Server = new InMemoryPipeStream(this, toServer.Reader, toClient.Writer);
    }

    public string? From { get; }

    public string? To { get; }

    public Stream Client { get; }

    public Stream Server { get; }

    public bool IsDropped => _dropped.IsCancellationRequested;

    /// <summary>Cancelled when the connection drops.</summary>
    public CancellationToken Dropped => _dropped.Token;

    public bool Touches(string node) => From == node || To == node;

    public bool Between(string first, string second) => (From == first && To == second) || (From == second && To == first);

    public void Drop(string reason)
    {
        _reason = reason;
        _dropped.Cancel();
    }

    public IOException DroppedError() => new($"The in-memory connection dropped: {_reason}.");
}
