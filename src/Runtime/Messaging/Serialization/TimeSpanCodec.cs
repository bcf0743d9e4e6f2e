namespace OrleansBank.Runtime.Messaging.Serialization;

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
