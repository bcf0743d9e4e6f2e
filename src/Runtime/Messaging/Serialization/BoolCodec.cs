namespace OrleansBank.Runtime.Messaging.Serialization;

internal sealed class BoolCodec : Codec<bool>
{
    protected override void WriteValue(WireWriter writer, bool value) => writer.WriteTag(value ? WireType.True : WireType.False);

    protected override bool ReadValue(ref WireReader reader, WireType tag) => tag switch
    {
        WireType.True => true,
        WireType.False => false,
        _ => throw Unexpected(tag, typeof(bool)),
    };
}
