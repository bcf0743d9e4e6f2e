namespace OrleansBank.Runtime.Messaging.Protocol;

/// <summary>The first byte of every frame's payload.</summary>
internal enum FrameKind : byte
{
    /// <summary>Client to silo, first frame: magic, protocol version, client name.</summary>
    Hello = 1,

    /// <summary>Silo to client, answer to Hello: protocol version, silo name, manifest.</summary>
    Welcome = 2,

    /// <summary>A grain call.</summary>
    Request = 3,

    /// <summary>The outcome of a grain call: a value or an exception.</summary>
    Response = 4,

    /// <summary>Silo to client, instead of Welcome: the silo will not serve this connection (the reason) and closes it.</summary>
    Refused = 5,
}
