namespace OrleansBank.Runtime.Messaging.Serialization;

internal sealed class CharCodec : Codec<char>
{
    protected override void WriteValue(WireWriter writer, char value)
    {
        writer.WriteTag(WireType.UVarInt);
        writer.WriteUVarInt(value);
    }

    protected override char ReadValue(ref WireReader reader, WireType tag)
    {
        var raw = tag == WireType.UVarInt ? reader.ReadUVarInt() : throw Unexpected(tag, typeof(char));
        return raw <= char.MaxValue ? (char)raw : throw new ProtocolException($"{raw} is not a char.");
    }
}
