namespace OrleansBank.Runtime.Messaging.Serialization;

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
