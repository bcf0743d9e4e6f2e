namespace OrleansBank.Runtime.Messaging.Serialization;

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
