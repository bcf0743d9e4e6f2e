namespace OrleansBank.Runtime.Messaging.Serialization;

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
