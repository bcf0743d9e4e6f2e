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

    /// <summary>Silo to silo, first frame: magic, protocol version, cluster id, sender, the silo it expects, optional nonce.</summary>
    SiloHello = 6,

    /// <summary>Silo to silo, answer to SiloHello: the receiver's address and, with a cluster secret, its proof.</summary>
    SiloWelcome = 7,

    /// <summary>Accepting side, when a cluster secret is configured: its nonce, which the connecting side must sign.</summary>
    Challenge = 8,

    /// <summary>Connecting side, answer to Challenge: its HMAC of both nonces under the cluster secret.</summary>
    Proof = 9,

    /// <summary>Silo to silo, after the welcome: a liveness probe carrying an id the answer repeats.</summary>
    Ping = 10,

    /// <summary>Silo to silo, answer to Ping: the same id.</summary>
    Pong = 11,

    /// <summary>Silo to client, any time after the welcome: the active gateways, and whether this one is draining (move away).</summary>
    Gateways = 12,

    /// <summary>Silo to the silo that sent it a request: the grain lives elsewhere (its silo, or unknown); fix your cache.</summary>
    Moved = 13,

    /// <summary>Silo to caller, instead of a response: this silo is shutting down and did not run the request; send it elsewhere.</summary>
    NotRun = 14,
}
