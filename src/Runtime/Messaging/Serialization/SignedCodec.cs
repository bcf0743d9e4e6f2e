using System.Numerics;

namespace OrleansBank.Runtime.Messaging.Serialization;

/// <summary>sbyte, short, int, long: zig-zag varints, so a field can widen without breaking older peers.</summary>
internal sealed class SignedCodec<T> : Codec<T>
    where T : IBinaryInteger<T>, ISignedNumber<T>
{
    protected override void WriteValue(WireWriter writer, T value)
    {
        writer.WriteTag(WireType.VarInt);
        writer.WriteVarInt(long.CreateTruncating(value));
    }

    protected override T ReadValue(ref WireReader reader, WireType tag)
    {
        long raw = tag switch
        {
            WireType.VarInt => reader.ReadVarInt(),
            WireType.UVarInt => (long)Math.Min(reader.ReadUVarInt(), long.MaxValue),
            _ => throw Unexpected(tag, typeof(T)),
        };
        return Fit(raw);
    }

    private static T Fit(long raw)
    {
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
