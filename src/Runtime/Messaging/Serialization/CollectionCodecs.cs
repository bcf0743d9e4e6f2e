namespace OrleansBank.Runtime.Messaging.Serialization;

internal sealed class NullableCodec<T>(Codec<T> inner) : Codec<T?>
    where T : struct
{
    protected override void WriteValue(WireWriter writer, T? value) => inner.WriteTyped(writer, value!.Value);

    protected override T? ReadValue(ref WireReader reader, WireType tag) => inner.ReadTyped(ref reader, tag);
}

internal sealed class EnumCodec<T>(Func<T, long> toInt64, Func<long, T> fromInt64) : Codec<T>
    where T : struct, Enum
{
    protected override void WriteValue(WireWriter writer, T value)
    {
        writer.WriteTag(WireType.VarInt);
        writer.WriteVarInt(toInt64(value));
    }

    // An unknown value is kept, not rejected: a newer peer may have added a member.
    protected override T ReadValue(ref WireReader reader, WireType tag) =>
        tag == WireType.VarInt ? fromInt64(reader.ReadVarInt()) : throw Unexpected(tag, typeof(T));
}

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

/// <summary>Dictionary&lt;TKey, TValue&gt; and its interfaces; read back as a Dictionary.</summary>
internal sealed class DictionaryCodec<TDeclared, TKey, TValue>(Func<Codec<TKey>> keys, Func<Codec<TValue>> values) : Codec<TDeclared>
    where TDeclared : class, IEnumerable<KeyValuePair<TKey, TValue>>
    where TKey : notnull
{
    protected override void WriteValue(WireWriter writer, TDeclared value)
    {
        var (keyCodec, valueCodec) = (keys(), values());
        var pairs = value as IReadOnlyCollection<KeyValuePair<TKey, TValue>> ?? value.ToList();
        writer.WriteTag(WireType.Map);
        writer.WriteUVarInt((ulong)pairs.Count);
        foreach (var (key, item) in pairs)
        {
            keyCodec.WriteTyped(writer, key);
            valueCodec.WriteTyped(writer, item);
        }
    }

    protected override TDeclared ReadValue(ref WireReader reader, WireType tag)
    {
        if (tag != WireType.Map)
        {
            throw Unexpected(tag, typeof(TDeclared));
        }

        var (keyCodec, valueCodec) = (keys(), values());
        reader.Enter();
        var count = reader.ReadCount("map");
        var map = new Dictionary<TKey, TValue>(count);
        for (var i = 0; i < count; i++)
        {
            var key = keyCodec.ReadTyped(ref reader, reader.ReadTag())
                ?? throw new ProtocolException("A map key is null.");
            if (!map.TryAdd(key, valueCodec.ReadTyped(ref reader, reader.ReadTag())))
            {
                throw new ProtocolException($"A map has the key '{key}' twice.");
            }
        }

        reader.Exit();
        return (TDeclared)(object)map;
    }
}
