namespace OrleansBank.Runtime.Messaging.Serialization;

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
