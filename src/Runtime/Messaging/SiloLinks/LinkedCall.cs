using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Messaging.SiloLinks;

/// <summary>A request sent over a silo link and not yet answered: where its answer goes, and until when.</summary>
/// <remarks>It keeps the request, so one the peer refused unrun can be located again and sent elsewhere.</remarks>
internal sealed record LinkedCall(IResponseSink ReplyTo, GrainId Target, GrainMethod Method, long DeadlineTimestamp, SiloLinkConnection Connection, Message Request);
