namespace OrleansBank.Runtime.Messaging.Serialization;

/// <summary>List&lt;T&gt; and the list interfaces it implements; read back as a List&lt;T&gt;.</summary>
internal sealed class ListCodec<TDeclared, T>(Func<Codec<T>> element) : Codec<TDeclared>
    where TDeclared : class, IEnumerable<T>
{
    protected override void WriteValue(WireWriter writer, TDeclared value)
    {
        var codec = element();
        var items = value as IReadOnlyCollection<T> ?? value.ToList();
        writer.WriteTag(WireType.List);
        writer.WriteUVarInt((ulong)items.Count);
        foreach (var item in items)
        {
            codec.WriteTyped(writer, item);
        }
    }

    protected override TDeclared ReadValue(ref WireReader reader, WireType tag)
    {
        if (tag != WireType.List)
        {
            throw Unexpected(tag, typeof(TDeclared));
        }

        var codec = element();
        reader.Enter();
        var count = reader.ReadCount("list");
        var items = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(codec.ReadTyped(ref reader, reader.ReadTag()));
        }

        reader.Exit();
        return (TDeclared)(object)items;
    }
}
