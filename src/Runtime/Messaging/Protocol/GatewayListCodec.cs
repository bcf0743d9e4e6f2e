using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Messaging.Protocol;

/// <summary>Encodes the <see cref="FrameKind.Gateways"/> frame: a draining flag, then the gateways. Decoding trusts nothing.</summary>
internal static class GatewayListCodec
{
    /// <summary>More gateways than any cluster this runtime is meant for: a bigger list is a flaw, not a cluster.</summary>
    public const int MaxGateways = 1024;

    public static void Write(WireWriter writer, GatewayList list)
    {
        var at = FrameCodec.Begin(writer, FrameKind.Gateways);
        writer.WriteByte(list.Draining ? (byte)1 : (byte)0);
        writer.WriteUVarInt((ulong)list.Gateways.Count);
        foreach (var gateway in list.Gateways)
        {
            writer.WriteStringPayload(gateway);
        }

        FrameCodec.End(writer, at);
    }

    /// <summary>Reads a gateway list payload (after its kind byte); every entry must be a <c>host:port</c>.</summary>
    public static GatewayList Read(ref WireReader reader)
    {
        var draining = reader.ReadByte() switch
        {
            0 => false,
            1 => true,
            var other => throw new ProtocolException($"A gateway list's draining flag is {other}; it must be 0 or 1."),
        };
        var count = reader.ReadCount("gateway list");
        if (count > MaxGateways)
        {
            throw new ProtocolException($"A gateway list has {count} entries; at most {MaxGateways} are accepted.");
        }

        var gateways = new string[count];
        for (var i = 0; i < count; i++)
        {
            var gateway = reader.ReadStringPayload();
            if (!Endpoints.IsEndpoint(gateway))
            {
                throw new ProtocolException($"A gateway list names '{gateway}', which is not a host:port.");
            }

            gateways[i] = gateway;
        }

        FrameCodec.EnsureEnd(ref reader);
        return new GatewayList(gateways, draining);
    }
}
