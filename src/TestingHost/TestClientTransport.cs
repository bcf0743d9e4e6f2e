namespace OrleansBank.TestingHost;

/// <summary>How a test cluster's client reaches the silo.</summary>
public enum TestClientTransport
{
    /// <summary>The client lives inside the silo: calls skip the wire.</summary>
    Hosted,

    /// <summary>An external client over in-process pipes: real frames and serialization, no sockets.</summary>
    InMemory,

    /// <summary>An external client over TCP on loopback, on a free port.</summary>
    Tcp,
}
