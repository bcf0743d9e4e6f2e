using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;

namespace OrleansBank.Runtime.Messaging.SiloLinks;

/// <summary>The peer's frames that steer a request rather than answer it, handed to the router's <see cref="SiloLinkSteering"/>.</summary>
internal sealed partial class SiloLink
{
    private void OnMoved(ref WireReader reader)
    {
        var (grain, silo) = RoutingCodec.ReadMoved(ref reader);
        steering?.Moved(Target, grain, silo);
    }

    private void OnNotRun(LinkedCall call, ref WireReader reader)
    {
        var refusal = RoutingCodec.ReadNotRun(ref reader);
        if (steering?.NotRun(Target, call.Request, refusal) != true)
        {
            // Another silo's refusal, not this one's: the caller's gateway is not stopping, so it is an ordinary error.
            call.ReplyTo.Fail(refusal);
        }
    }
}
