namespace OrleansBank.Runtime.Messaging.Serialization;

internal sealed class ArrayCodec<T>(Func<Codec<T>> element) : Codec<T[]>
{
    protected override void WriteValue(WireWriter writer, T[] value)
    {
        var codec = element();
        writer.WriteTag(WireType.List);
        writer.WriteUVarInt((ulong)value.Length);
        foreach (var item in value)
        {
            codec.WriteTyped(writer, item);
        }
    }

    protected override T[] ReadValue(ref WireReader reader, WireType tag)
    {
        if (tag != WireType.List)
        {
            throw Unexpected(tag, typeof(T[]));
        }

        var codec = element();
        reader.Enter();
        var items = new T[reader.ReadCount("list")];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = codec.ReadTyped(ref reader, reader.ReadTag());
        }

        reader.Exit();
        return items;
    }
}
