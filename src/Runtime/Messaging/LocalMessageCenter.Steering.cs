using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging.Gateway;

namespace OrleansBank.Runtime.Messaging;

/// <summary>
/// "Moved" hints and "not run" refusals: a silo that finds no activation for a request another silo sent tells that
/// silo where the grain is, so its next call goes straight there; a stopping silo sends such requests on instead of
/// refusing them, and a request a peer refused unrun is located again and re-sent.
/// </summary>
internal sealed partial class LocalMessageCenter
{
    private int _forwarded;

    /// <summary>Requests this silo sent on to another silo because the grain was not here: tests count the extra hops.</summary>
    public int ForwardedCount => Volatile.Read(ref _forwarded);

    private void SteerLinks(SiloLinks.SiloLinkPool links)
    {
        links.Steering.OnMoved = (peer, grainId, silo) => _locator.Moved(grainId, peer, silo);
        links.Steering.OnNotRun = RerouteNotRun;
    }

    public void Forward(Message message, SiloAddress silo)
    {
        Interlocked.Increment(ref _forwarded);
        Hint(message, silo);
        Route(message, silo);
    }

    public void Relocate(Message message)
    {
        // Asked of this silo's directory, which knows it is stopping, so placement looks elsewhere; its own cache may
        // still name it for a grain whose activation just left.
        _locator.Forget(message.Target, _here);
        var located = _locator.LocateAsync(message.Target);
        if (located.IsCompletedSuccessfully)
        {
            RelocateTo(message, located.Result);
        }
        else
        {
            _ = RelocateWhenLocatedAsync(message, located);
        }
    }

    private async Task RelocateWhenLocatedAsync(Message message, ValueTask<SiloAddress> located)
    {
        SiloAddress silo;
        try
        {
            silo = await located.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Not located: the refusal still says it did not run, so the caller can send it elsewhere.
            message.ReplyTo.Refuse(SiloShuttingDownException.Refusing(_here, message.Method.ToString(), message.Target));
            return;
        }

        RelocateTo(message, silo);
    }

    private void RelocateTo(Message message, SiloAddress silo)
    {
        if (silo == _here || _links is null || message.ForwardCount >= MaxForwardCount)
        {
            Hint(message, null);
            message.ReplyTo.Refuse(SiloShuttingDownException.Refusing(_here, message.Method.ToString(), message.Target));
            return;
        }

        // Placed, not yet registered: the sender is only told to forget this silo, and learns the rest by lookup.
        Interlocked.Increment(ref _forwarded);
        Hint(message, null);
        _links.Send(silo, message);
    }

    /// <summary>Tells the silo that sent <paramref name="message"/> here, if one did, that its grain is not here.</summary>
    private static void Hint(Message message, SiloAddress? silo)
    {
        if (message.ReplyTo is ConnectionReply { PeerSilo: not null } reply)
        {
            reply.Moved(message.Target, silo);
        }
    }

    private bool RerouteNotRun(SiloAddress peer, Message message, SiloShuttingDownException refusal)
    {
        // The peer is stopping: none of its grains will be there for long, so no cached route to it is worth keeping.
        _locator.ForgetSilo(peer);
        if (message.Reroutes >= MaxReroutes)
        {
            return false;
        }

        message.Reroutes++;
        Locate(message);
        return true;
    }
}
