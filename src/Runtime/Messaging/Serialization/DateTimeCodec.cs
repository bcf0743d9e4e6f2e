namespace OrleansBank.Runtime.Messaging.Serialization;

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
