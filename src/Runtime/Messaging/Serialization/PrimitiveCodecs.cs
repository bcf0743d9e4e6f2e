using System.Numerics;

namespace OrleansBank.Runtime.Messaging.Serialization;

internal sealed class BoolCodec : Codec<bool>
{
    protected override void WriteValue(WireWriter writer, bool value) => writer.WriteTag(value ? WireType.True : WireType.False);

    protected override bool ReadValue(ref WireReader reader, WireType tag) => tag switch
    {
        WireType.True => true,
        WireType.False => false,
        _ => throw Unexpected(tag, typeof(bool)),
    };
}

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

internal sealed class CharCodec : Codec<char>
{
    protected override void WriteValue(WireWriter writer, char value)
    {
        writer.WriteTag(WireType.UVarInt);
        writer.WriteUVarInt(value);
    }

    protected override char ReadValue(ref WireReader reader, WireType tag)
    {
        var raw = tag == WireType.UVarInt ? reader.ReadUVarInt() : throw Unexpected(tag, typeof(char));
        return raw <= char.MaxValue ? (char)raw : throw new ProtocolException($"{raw} is not a char.");
    }
}

internal sealed class DoubleCodec : Codec<double>
{
    protected override void WriteValue(WireWriter writer, double value)
    {
        writer.WriteTag(WireType.Fixed64);
        writer.WriteFixed64(BitConverter.DoubleToInt64Bits(value));
    }

    protected override double ReadValue(ref WireReader reader, WireType tag) =>
        tag == WireType.Fixed64 ? BitConverter.Int64BitsToDouble(reader.ReadFixed64()) : throw Unexpected(tag, typeof(double));
}

internal sealed class SingleCodec : Codec<float>
{
    protected override void WriteValue(WireWriter writer, float value)
    {
        writer.WriteTag(WireType.Fixed32);
        writer.WriteFixed32(BitConverter.SingleToInt32Bits(value));
    }

    protected override float ReadValue(ref WireReader reader, WireType tag) =>
        tag == WireType.Fixed32 ? BitConverter.Int32BitsToSingle(reader.ReadFixed32()) : throw Unexpected(tag, typeof(float));
}

internal sealed class DecimalCodec : Codec<decimal>
{
    protected override void WriteValue(WireWriter writer, decimal value)
    {
        writer.WriteTag(WireType.Decimal);
        writer.WriteDecimal(value);
    }

    protected override decimal ReadValue(ref WireReader reader, WireType tag) =>
        tag == WireType.Decimal ? reader.ReadDecimal() : throw Unexpected(tag, typeof(decimal));
}

internal sealed class StringCodec : Codec<string>
{
    protected override void WriteValue(WireWriter writer, string value)
    {
        writer.WriteTag(WireType.Bytes);
        writer.WriteStringPayload(value);
    }

    protected override string ReadValue(ref WireReader reader, WireType tag) =>
        tag == WireType.Bytes ? reader.ReadStringPayload() : throw Unexpected(tag, typeof(string));
}

internal sealed class ByteArrayCodec : Codec<byte[]>
{
    protected override void WriteValue(WireWriter writer, byte[] value)
    {
        writer.WriteTag(WireType.Bytes);
        writer.WriteBytesPayload(value);
    }

    protected override byte[] ReadValue(ref WireReader reader, WireType tag) =>
        tag == WireType.Bytes ? reader.ReadBytesPayload().ToArray() : throw Unexpected(tag, typeof(byte[]));
}

internal sealed class GuidCodec : Codec<Guid>
{
    protected override void WriteValue(WireWriter writer, Guid value)
    {
        writer.WriteTag(WireType.Guid);
        writer.WriteGuid(value);
    }

    protected override Guid ReadValue(ref WireReader reader, WireType tag) =>
        tag == WireType.Guid ? reader.ReadGuid() : throw Unexpected(tag, typeof(Guid));
}

internal sealed class TimeSpanCodec : Codec<TimeSpan>
{
    protected override void WriteValue(WireWriter writer, TimeSpan value)
    {
        writer.WriteTag(WireType.VarInt);
        writer.WriteVarInt(value.Ticks);
    }

    protected override TimeSpan ReadValue(ref WireReader reader, WireType tag) =>
        tag == WireType.VarInt ? TimeSpan.FromTicks(reader.ReadVarInt()) : throw Unexpected(tag, typeof(TimeSpan));
}

internal sealed class DateTimeOffsetCodec : Codec<DateTimeOffset>
{
    protected override void WriteValue(WireWriter writer, DateTimeOffset value)
    {
        writer.WriteTag(WireType.DateTimeOffset);
        writer.WriteVarInt(value.Ticks);
        writer.WriteVarInt((long)value.Offset.TotalMinutes);
    }

    protected override DateTimeOffset ReadValue(ref WireReader reader, WireType tag)
    {
        if (tag != WireType.DateTimeOffset)
        {
            throw Unexpected(tag, typeof(DateTimeOffset));
        }

        var ticks = reader.ReadVarInt();
        var minutes = reader.ReadVarInt();
        try
        {
            return new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes));
        }
        catch (ArgumentException)
        {
            throw new ProtocolException($"{ticks} ticks at offset {minutes} minutes is not a valid DateTimeOffset.");
        }
    }
}

internal sealed class DateTimeCodec : Codec<DateTime>
{
    protected override void WriteValue(WireWriter writer, DateTime value)
    {
        writer.WriteTag(WireType.DateTimeOffset);
        writer.WriteVarInt(value.Ticks);
        writer.WriteVarInt((long)value.Kind);
    }

    protected override DateTime ReadValue(ref WireReader reader, WireType tag)
    {
        if (tag != WireType.DateTimeOffset)
        {
            throw Unexpected(tag, typeof(DateTime));
        }

        var ticks = reader.ReadVarInt();
        var kind = reader.ReadVarInt();
        return ticks is >= 0 and <= 3155378975999999999 && kind is >= 0 and <= 2
            ? new DateTime(ticks, (DateTimeKind)kind)
            : throw new ProtocolException($"{ticks} ticks of kind {kind} is not a valid DateTime.");
    }
}
