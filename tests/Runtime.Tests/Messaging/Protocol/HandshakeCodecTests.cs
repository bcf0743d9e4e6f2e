using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;

namespace OrleansBank.Runtime.Tests.Messaging.Protocol;

public class HandshakeCodecTests
{
    private static readonly SiloAddress Sender = new("127.0.0.1", 11111, 1763790000000);
    private static readonly SiloAddress Expected = new("::1", 11112, 1763790000001);

    private static WireReader Payload(WireWriter writer, FrameKind kind)
    {
        var reader = new WireReader(writer.WrittenSpan[FrameCodec.HeaderSize..]);
        Assert.Equal(kind, (FrameKind)reader.ReadByte());
        return reader;
    }

    [Fact]
    public void SiloHello_RoundTrips_WithAndWithoutNonce()
    {
        foreach (var nonce in new[] { null, ClusterProof.NewNonce() })
        {
            using var writer = new WireWriter();
            HandshakeCodec.WriteSiloHello(writer, new SiloHello("bank", Sender, Expected, nonce));
            var reader = Payload(writer, FrameKind.SiloHello);

            var hello = HandshakeCodec.ReadSiloHello(ref reader);

            Assert.Equal(("bank", Sender, Expected), (hello.ClusterId, hello.Sender, hello.Expected));
            Assert.Equal(nonce, hello.Nonce);
        }
    }

    [Fact]
    public void SiloHello_NonceOfTheWrongSize_IsAProtocolError()
    {
        using var writer = new WireWriter();
        HandshakeCodec.WriteSiloHello(writer, new SiloHello("bank", Sender, Expected, new byte[5]));

        var error = Assert.Throws<ProtocolException>(() =>
        {
            var reader = Payload(writer, FrameKind.SiloHello);
            HandshakeCodec.ReadSiloHello(ref reader);
        });
        Assert.Contains("must be 32 bytes", error.Message);
    }

    [Fact]
    public void ClientHello_WithNonce_RoundTripsAndStaysReadableAsAPlainHello()
    {
        var nonce = ClusterProof.NewNonce();
        using var writer = new WireWriter();
        FrameCodec.WriteHello(writer, "client", nonce);
        var reader = Payload(writer, FrameKind.Hello);

        Assert.Equal("client", FrameCodec.ReadHello(ref reader, out var read));
        Assert.Equal(nonce, read);
    }
}
