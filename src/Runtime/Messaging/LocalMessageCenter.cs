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
/// <para>
/// A request whose target silo cannot be reached (a refused connection: the process is gone) was never sent, so it is
/// held until membership declares that silo dead, then located again: its grain comes back on a live silo. The caller
/// sees a pause of about the detection time instead of a failure. Held at most <see cref="MaxReroutes"/> times, and no
/// longer than <see cref="MembershipService.DetectionBound"/> each.
/// </para>
/// </remarks>
internal sealed partial class LocalMessageCenter : IMessageCenter, IRequestForwarder
{
    /// <summary>Times a request may be held for an unreachable silo and sent again.</summary>
    public const int MaxReroutes = 2;

    private readonly IGrainLocator _locator;
    private readonly Catalog _catalog;
    private readonly SiloLinkPool? _links;
    private readonly MembershipService? _membership;

    public LocalMessageCenter(IGrainLocator locator, Catalog catalog, ILocalSiloDetails localSilo, SiloLinkPool? links = null, MembershipService? membership = null)
    {
        _locator = locator;
        _catalog = catalog;
        _links = links;
        _membership = membership;
        _here = localSilo.SiloAddress;
        if (links is not null && membership is not null)
        {
            links.Unreachable = HoldUntilJudged;
        }

        if (links is not null)
        {
            SteerLinks(links);
        }
    }

    /// <summary>Hops a request may make between silos: the caller's, then two forwards while the directory settles.</summary>
    public const int MaxForwardCount = 3;

    private readonly SiloAddress _here;

    public void SendRequest(Message message)
    {
        if (message.ForwardCount > 0)
        {
            // Another silo sent it here, as its placement or its cache said: it activates here, or the activation loses
            // the registration and forwards it to the winner. Locating it again could place it elsewhere, and on.
            _catalog.Deliver(message);
            return;
        }

        Locate(message);
    }

    /// <remarks>
    /// A live activation here is where the locator sends the call too, while this silo is not declared dead: the
    /// locator would then look the grain up again (the directory dropped this silo's rows), and place it on a live
    /// silo. So a reference that remembers its activation skips the locator and the catalog's lookup until that
    /// activation retires, this silo stops or is killed, or membership declares it dead.
    /// </remarks>
    public void SendRequest(Message message, ref ActivationHandle? local)
    {
        if (local is { } known && _membership?.Snapshot.IsDead(_here) != true && _catalog.TryDeliverTo(known, message))
        {
            return;
        }

        var delivered = Locate(message)?.Handle;
        if (!ReferenceEquals(delivered, local))
        {
            // Written only when it changes: many callers may share the reference, and its line.
            local = delivered;
        }
    }

    /// <summary>Locates and routes the request; returns the activation here that took it, if one did at once.</summary>
    private ActivationData? Locate(Message message)
    {
        // A locator that knows the answer returns it completed: no task, no await, as cheap as delivering directly.
        var located = _locator.LocateAsync(message.Target);
        if (located.IsCompletedSuccessfully)
        {
            return Route(message, located.Result);
        }

        _ = RouteWhenLocatedAsync(message, located);
        return null;
    }

    private ActivationData? Route(Message message, SiloAddress silo)
    {
        if (ReferenceEquals(silo, _here) || silo == _here)
        {
            return _catalog.DeliverHere(message);
        }
        else if (message.ForwardCount >= MaxForwardCount)
        {
            message.ReplyTo.Fail(new SiloUnavailableException(
                $"{message.Target}.{message.Method.Name} was passed between silos {message.ForwardCount} times without reaching its activation (last pointed at {silo} from {_here}): the grain directory is changing, e.g. silos joining or dying. Retry the call."));
        }
        else if (_links is not null)
        {
            _links.Send(silo, message);
        }
        else
        {
            message.ReplyTo.Fail(new SiloUnavailableException(
                $"No route to silo {silo}: {message.Target}, the target of {message.Method}, lives there, and this silo {_here} has no silo port to link to other silos (add one with UseLocalhostClustering or AddGateway)."));
        }

        return null;
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
