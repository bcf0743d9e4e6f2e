namespace OrleansBank.Runtime.Messaging.Serialization;

/// <summary>Writes and reads values of one declared type; built once per type by <see cref="CodecProvider"/>.</summary>
internal abstract class Codec
{
    public abstract Type Type { get; }

    /// <summary>Writes the tag and the value; null writes the Null tag.</summary>
    public abstract void Write(WireWriter writer, object? value);

    /// <summary>Reads a value after its tag has been read.</summary>
    public abstract object? Read(ref WireReader reader, WireType tag);

    public object? Read(ref WireReader reader) => Read(ref reader, reader.ReadTag());

    protected static ProtocolException Unexpected(WireType tag, Type type) =>
        new($"Wire type {tag} cannot be read as {type.Name}.");
}

/// <summary>A codec with typed write and read, so collections and records of T avoid casts per element.</summary>
internal abstract class Codec<T> : Codec
{
    private static readonly bool AcceptsNull = !typeof(T).IsValueType || Nullable.GetUnderlyingType(typeof(T)) is not null;

    public sealed override Type Type => typeof(T);

    public sealed override void Write(WireWriter writer, object? value)
    {
        if (value is null)
        {
            writer.WriteTag(WireType.Null);
        }
        else
        {
            WriteValue(writer, (T)value);
        }
    }

    public sealed override object? Read(ref WireReader reader, WireType tag) => ReadTyped(ref reader, tag);

    public void WriteTyped(WireWriter writer, T value)
    {
        if (value is null)
        {
            writer.WriteTag(WireType.Null);
        }
        else
        {
            WriteValue(writer, value);
        }
    }

    public T ReadTyped(ref WireReader reader, WireType tag)
    {
        if (tag == WireType.Null)
        {
            return AcceptsNull ? default! : throw new ProtocolException($"Null cannot be read as {typeof(T).Name}.");
        }

        return ReadValue(ref reader, tag);
    }

    /// <summary>Writes the tag and a non-null value.</summary>
    protected abstract void WriteValue(WireWriter writer, T value);

    /// <summary>Reads a non-null value after its tag.</summary>
    protected abstract T ReadValue(ref WireReader reader, WireType tag);
}
