namespace OrleansBank.Runtime.Messaging.Serialization;

internal sealed class EnumCodec<T>(Func<T, long> toInt64, Func<long, T> fromInt64) : Codec<T>
    where T : struct, Enum
{
    protected override void WriteValue(WireWriter writer, T value)
    {
        writer.WriteTag(WireType.VarInt);
        writer.WriteVarInt(toInt64(value));
    }

    // An unknown value is kept, not rejected: a newer peer may have added a member.
    protected override T ReadValue(ref WireReader reader, WireType tag) =>
        tag == WireType.VarInt ? fromInt64(reader.ReadVarInt()) : throw Unexpected(tag, typeof(T));
}
