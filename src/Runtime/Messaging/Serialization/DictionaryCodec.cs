namespace OrleansBank.Runtime.Messaging.Serialization;

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
