namespace OrleansBank.Runtime.Messaging.Protocol;

/// <summary>A silo's first frame on a link: its cluster, who it is, whom it expects to reach, and its nonce if it has a secret.</summary>
internal sealed record SiloHello(string ClusterId, SiloAddress Sender, SiloAddress Expected, byte[]? Nonce);
