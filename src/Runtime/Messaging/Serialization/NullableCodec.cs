namespace OrleansBank.Runtime.Messaging.Serialization;

internal sealed class NullableCodec<T>(Codec<T> inner) : Codec<T?>
    where T : struct
{
    protected override void WriteValue(WireWriter writer, T? value) => inner.WriteTyped(writer, value!.Value);

    protected override T? ReadValue(ref WireReader reader, WireType tag) => inner.ReadTyped(ref reader, tag);
}
