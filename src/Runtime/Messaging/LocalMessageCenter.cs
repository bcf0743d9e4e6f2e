using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Cluster;
using OrleansBank.Runtime.Messaging.SiloLinks;

namespace OrleansBank.Runtime.Messaging;

/// <summary>
/// Inside a silo, a request is routed: the locator says which silo its target lives on, and one that lives here goes
/// straight to the catalog (no serialization, no wire).
/// </summary>
/// <remarks>
/// A request for another silo goes over the silo link to it; a silo without links (no silo port) cannot route it. A
/// request that came over a link is delivered here; if it came through a stale cache, the activation it starts loses
/// the grain's registration and forwards it to the winner, at most <see cref="MaxForwardCount"/> silo-to-silo hops in all.
/// </remarks>
internal sealed class LocalMessageCenter(IGrainLocator locator, Catalog catalog, ILocalSiloDetails localSilo, SiloLinkPool? links = null) : IMessageCenter, IRequestForwarder
{
    /// <summary>Hops a request may make between silos: the caller's, then two forwards while the directory settles.</summary>
    public const int MaxForwardCount = 3;

    private readonly SiloAddress _here = localSilo.SiloAddress;

    public void SendRequest(Message message)
    {
        if (message.ForwardCount > 0)
        {
            // Another silo sent it here, as its placement or its cache said: it activates here, or the activation loses
            // the registration and forwards it to the winner. Locating it again could place it elsewhere, and on.
            catalog.Deliver(message);
            return;
        }

        // A locator that knows the answer returns it completed: no task, no await, as cheap as delivering directly.
        var located = locator.LocateAsync(message.Target);
        if (located.IsCompletedSuccessfully)
        {
            Route(message, located.Result);
        }
        else
        {
            _ = RouteWhenLocatedAsync(message, located);
        }
    }

    public void Forward(Message message, SiloAddress silo) => Route(message, silo);

    private void Route(Message message, SiloAddress silo)
    {
        if (ReferenceEquals(silo, _here) || silo == _here)
        {
            catalog.Deliver(message);
        }
        else if (message.ForwardCount >= MaxForwardCount)
        {
            message.ReplyTo.Fail(new SiloUnavailableException(
                $"{message.Target}.{message.Method.Name} was passed between silos {message.ForwardCount} times without reaching its activation (last pointed at {silo} from {_here}): the grain directory is changing, e.g. silos joining or dying. Retry the call."));
        }
        else if (links is not null)
        {
            links.Send(silo, message);
        }
        else
        {
            message.ReplyTo.Fail(new SiloUnavailableException(
                $"No route to silo {silo}: {message.Target}, the target of {message.Method}, lives there, and this silo {_here} has no silo port to link to other silos (add one with UseLocalhostClustering or AddGateway)."));
        }
    }

    private async Task RouteWhenLocatedAsync(Message message, ValueTask<SiloAddress> located)
    {
        SiloAddress silo;
        try
        {
            silo = await located.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            message.ReplyTo.Fail(ex);
            return;
        }

        Route(message, silo);
    }
}
