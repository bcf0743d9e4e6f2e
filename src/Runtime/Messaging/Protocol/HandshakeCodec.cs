using OrleansBank.Runtime.Messaging.Serialization;

namespace OrleansBank.Runtime.Messaging.Protocol;

/// <summary>
/// Encodes the handshake frames of silo links and of the cluster secret: SiloHello, SiloWelcome, Challenge, Proof.
/// Like <see cref="FrameCodec"/>, decoding trusts nothing.
/// </summary>
internal static class HandshakeCodec
{
    public static void WriteSiloHello(WireWriter writer, SiloHello hello)
    {
        var at = FrameCodec.Begin(writer, FrameKind.SiloHello);
        writer.WriteStringPayload(FrameCodec.Magic);
        writer.WriteUVarInt(FrameCodec.ProtocolVersion);
        writer.WriteStringPayload(hello.ClusterId);
        writer.WriteStringPayload(hello.Sender.ToString());
        writer.WriteStringPayload(hello.Expected.ToString());
        WriteOptionalBytes(writer, hello.Nonce);
        FrameCodec.End(writer, at);
    }

    public static SiloHello ReadSiloHello(ref WireReader reader)
    {
        if (reader.ReadStringPayload() != FrameCodec.Magic)
        {
            throw new ProtocolException("The first frame is not an OrleansBank silo hello: this peer does not speak the protocol.");
        }

        var version = reader.ReadUVarInt();
        if (version != FrameCodec.ProtocolVersion)
        {
            throw new ProtocolException($"The peer silo speaks protocol version {version}; this silo speaks {FrameCodec.ProtocolVersion}.");
        }

        var clusterId = reader.ReadStringPayload();
        var sender = ReadSiloAddress(ref reader, "sender");
        var expected = ReadSiloAddress(ref reader, "expected silo");
        var nonce = ReadOptionalBytes(ref reader, ClusterProof.NonceSize, "nonce");
        FrameCodec.EnsureEnd(ref reader);
        return new SiloHello(clusterId, sender, expected, nonce);
    }

    public static void WriteSiloWelcome(WireWriter writer, SiloAddress silo, byte[]? proof)
    {
        var at = FrameCodec.Begin(writer, FrameKind.SiloWelcome);
        writer.WriteUVarInt(FrameCodec.ProtocolVersion);
        writer.WriteStringPayload(silo.ToString());
        WriteOptionalBytes(writer, proof);
        FrameCodec.End(writer, at);
    }

    public static (SiloAddress Silo, byte[]? Proof) ReadSiloWelcome(ref WireReader reader)
    {
        var version = reader.ReadUVarInt();
        if (version != FrameCodec.ProtocolVersion)
        {
            throw new ProtocolException($"The peer silo speaks protocol version {version}; this silo speaks {FrameCodec.ProtocolVersion}.");
        }

        var silo = ReadSiloAddress(ref reader, "welcoming silo");
        var proof = ReadOptionalBytes(ref reader, ClusterProof.ProofSize, "proof");
        FrameCodec.EnsureEnd(ref reader);
        return (silo, proof);
    }

    public static void WriteChallenge(WireWriter writer, ReadOnlySpan<byte> nonce) => WriteBytesFrame(writer, FrameKind.Challenge, nonce);

    public static byte[] ReadChallenge(ref WireReader reader) => ReadBytesFrame(ref reader, ClusterProof.NonceSize, "challenge");

    public static void WriteProof(WireWriter writer, ReadOnlySpan<byte> proof) => WriteBytesFrame(writer, FrameKind.Proof, proof);

    public static byte[] ReadProof(ref WireReader reader) => ReadBytesFrame(ref reader, ClusterProof.ProofSize, "proof");

    /// <summary>An optional byte string at the end of a frame: absent (nothing left) or exactly <paramref name="size"/> bytes.</summary>
    public static byte[]? ReadOptionalBytes(ref WireReader reader, int size, string what)
    {
        if (reader.End)
        {
            return null;
        }

        var bytes = reader.ReadBytesPayload();
        return bytes.Length == size ? bytes.ToArray() : throw new ProtocolException($"A {what} must be {size} bytes; got {bytes.Length}.");
    }

    public static void WriteOptionalBytes(WireWriter writer, byte[]? bytes)
    {
        if (bytes is not null)
        {
            writer.WriteBytesPayload(bytes);
        }
    }

    private static void WriteBytesFrame(WireWriter writer, FrameKind kind, ReadOnlySpan<byte> bytes)
    {
        var at = FrameCodec.Begin(writer, kind);
        writer.WriteBytesPayload(bytes);
        FrameCodec.End(writer, at);
    }

    private static byte[] ReadBytesFrame(ref WireReader reader, int size, string what)
    {
        var bytes = ReadOptionalBytes(ref reader, size, what) ?? throw new ProtocolException($"A {what} frame is empty.");
        FrameCodec.EnsureEnd(ref reader);
        return bytes;
    }

    private static SiloAddress ReadSiloAddress(ref WireReader reader, string what)
    {
        var text = reader.ReadStringPayload();
        return SiloAddress.TryParse(text, out var address)
            ? address!
            : throw new ProtocolException($"The {what} '{text}' is not a silo address (host:port:generation).");
    }
}
