using System.Collections.Concurrent;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;

namespace OrleansBank.Runtime.Messaging.SiloLinks;

/// <summary>Liveness probes over the link: a ping the peer's read loop answers with a pong of the same id.</summary>
internal sealed partial class SiloLink
{
    private readonly ConcurrentDictionary<long, (SiloLinkConnection Link, TaskCompletionSource Answer)> _pings = new();

    /// <summary>
    /// Connects if needed, sends a ping and waits for its pong. Throws when the link cannot be opened or is lost
    /// first; <paramref name="cancellationToken"/> ends the wait (the probe timeout).
    /// </summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        var link = await ConnectAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pings[id] = (link, answer);
        try
        {
            var frame = new WireWriter();
            FrameCodec.WriteProbe(frame, FrameKind.Ping, id);
            link.Connection.Send(frame);
            if (link.Connection.IsClosed)
            {
                answer.TrySetException(new SiloUnavailableException($"the link to silo {Target} closed as the ping was sent"));
            }

            await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pings.TryRemove(id, out _);
        }
    }

    private void OnPong(long id)
    {
        if (_pings.TryRemove(id, out var ping))
        {
            ping.Answer.TrySetResult();
        }
    }

    private void FailPings(SiloLinkConnection link, string reason)
    {
        foreach (var (id, ping) in _pings)
        {
            if (ping.Link == link && _pings.TryRemove(id, out _))
            {
                ping.Answer.TrySetException(new SiloUnavailableException($"the link to silo {Target} was lost ({reason})"));
            }
        }
    }
}
