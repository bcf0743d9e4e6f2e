namespace OrleansBank.Runtime.Messaging.Serialization;

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
