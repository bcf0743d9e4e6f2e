using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;

namespace OrleansBank.Runtime.Tests.Messaging.Protocol;

public class GatewayListCodecTests
{
    [Fact]
    public void Read_WrittenList_RoundTripsGatewaysAndDrainingFlag()
    {
        using var writer = new WireWriter();
        GatewayListCodec.Write(writer, new GatewayList(["127.0.0.1:30001", "[::1]:30002"], Draining: true));

        var reader = Payload(writer);
        Assert.Equal(FrameKind.Gateways, (FrameKind)reader.ReadByte());
        var list = GatewayListCodec.Read(ref reader);

        Assert.True(list.Draining);
        Assert.Equal(["127.0.0.1:30001", "[::1]:30002"], list.Gateways);
    }

    [Theory]
    [InlineData(2, "127.0.0.1:1", "draining flag is 2")]
    [InlineData(0, "no-port", "'no-port', which is not a host:port")]
    public void Read_Flawed_ThrowsProtocolExceptionSayingWhat(byte flag, string gateway, string expected)
    {
        using var writer = new WireWriter();
        writer.WriteByte((byte)FrameKind.Gateways);
        writer.WriteByte(flag);
        writer.WriteUVarInt(1);
        writer.WriteStringPayload(gateway);

        var error = Assert.Throws<ProtocolException>(() =>
        {
            var reader = new WireReader(writer.WrittenSpan[1..]);
            GatewayListCodec.Read(ref reader);
        });

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static WireReader Payload(WireWriter writer) => new(writer.WrittenSpan[FrameCodec.HeaderSize..]);
}
