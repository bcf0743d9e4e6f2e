namespace OrleansBank.Runtime.Messaging.Serialization;

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
