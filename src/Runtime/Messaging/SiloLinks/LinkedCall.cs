using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Messaging.SiloLinks;

/// <summary>A request sent over a silo link and not yet answered: where its answer goes, and until when.</summary>
internal sealed record LinkedCall(IResponseSink ReplyTo, GrainId Target, GrainMethod Method, long DeadlineTimestamp, SiloLinkConnection Connection);
