namespace OrleansBank.Runtime.Messaging.Serialization;

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
