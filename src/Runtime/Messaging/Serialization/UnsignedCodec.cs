using System.Numerics;

namespace OrleansBank.Runtime.Messaging.Serialization;

/// <summary>byte, ushort, uint, ulong, char: plain varints.</summary>
internal sealed class UnsignedCodec<T> : Codec<T>
    where T : IBinaryInteger<T>, IUnsignedNumber<T>
{
    protected override void WriteValue(WireWriter writer, T value)
    {
        writer.WriteTag(WireType.UVarInt);
        writer.WriteUVarInt(ulong.CreateTruncating(value));
    }

    protected override T ReadValue(ref WireReader reader, WireType tag)
    {
        var raw = tag == WireType.UVarInt ? reader.ReadUVarInt() : throw Unexpected(tag, typeof(T));
        try
        {
            return T.CreateChecked(raw);
        }
        catch (OverflowException)
        {
            throw new ProtocolException($"{raw} does not fit in {typeof(T).Name}.");
        }
    }
}
