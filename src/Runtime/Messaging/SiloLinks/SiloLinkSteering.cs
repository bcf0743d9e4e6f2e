using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Messaging.SiloLinks;

/// <summary>
/// Where a silo link hands the frames that steer a request rather than answer it: a peer's hint that a grain has moved,
/// and a peer's refusal of a request it did not run. The silo's router sets the handlers; until then hints are dropped
/// and refusals reach the caller.
/// </summary>
internal sealed class SiloLinkSteering
{
    /// <summary>Given the peer, the grain and its new silo (null: the peer does not know where it is).</summary>
    public Action<SiloAddress, GrainId, SiloAddress?>? OnMoved { get; set; }

    /// <summary>Given the peer, the request it refused and the refusal: true when the request was taken to be sent again.</summary>
    public Func<SiloAddress, Message, SiloShuttingDownException, bool>? OnNotRun { get; set; }

    public void Moved(SiloAddress peer, GrainId grainId, SiloAddress? silo) => OnMoved?.Invoke(peer, grainId, silo);

    public bool NotRun(SiloAddress peer, Message request, SiloShuttingDownException refusal) => OnNotRun?.Invoke(peer, request, refusal) == true;
}
