using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace OrleansBank.Runtime.Messaging.Serialization;

/// <summary>Appends tagged values to a growable buffer rented from the shared pool.</summary>
internal sealed class WireWriter : IDisposable
{
    // Throws on lone surrogates: a replacing encoder would turn distinct strings (keys, operation ids) into one.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private byte[] _buffer;
    private int _length;

    public WireWriter(int initialCapacity = 256) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    public void Reset() => _length = 0;

    public void WriteTag(WireType tag) => WriteByte((byte)tag);

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_length++] = value;
    }

    public void WriteUVarInt(ulong value)
    {
        Ensure(10);
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }

        _buffer[_length++] = (byte)value;
    }

    public void WriteVarInt(long value) => WriteUVarInt((ulong)((value << 1) ^ (value >> 63)));

    public void WriteFixed32(int value)
    {
        Ensure(4);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
    }

    public void WriteFixed64(long value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
    }

    public void WriteDecimal(decimal value)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(value, parts);
        foreach (var part in parts)
        {
            WriteFixed32(part);
        }
    }

    public void WriteGuid(Guid value)
    {
        Ensure(16);
        value.TryWriteBytes(_buffer.AsSpan(_length, 16));
        _length += 16;
    }

    /// <summary>Writes a length-prefixed UTF-8 string, without its tag; a string that is not valid UTF-16 is an <see cref="ArgumentException"/>.</summary>
    public void WriteStringPayload(string value)
    {
        var max = StrictUtf8.GetMaxByteCount(value.Length);
        Ensure(max + 5);
        var start = _length;
        _length += 5;
        int written;
        try
        {
            written = StrictUtf8.GetBytes(value, _buffer.AsSpan(_length));
        }
        catch (EncoderFallbackException)
        {
            _length = start;
            throw NotText(value);
        }

        // Rewrite the length in place with the minimal varint, then move the text up against it.
        var lengthBytes = VarIntSize((ulong)written);
        if (lengthBytes != 5)
        {
            _buffer.AsSpan(_length, written).CopyTo(_buffer.AsSpan(start + lengthBytes));
        }

        _length = start;
        WriteUVarInt((ulong)written);
        _length += written;
    }

    public void WriteBytesPayload(ReadOnlySpan<byte> bytes)
    {
        WriteUVarInt((ulong)bytes.Length);
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Reserves 4 bytes for a length written later with <see cref="PatchFixed32"/>.</summary>
    public int ReserveFixed32()
    {
        Ensure(4);
        var at = _length;
        _length += 4;
        return at;
    }

    public void PatchFixed32(int at, int value) => BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(at), value);

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    /// <summary>Names the first lone surrogate, so the caller can see which string is broken and where.</summary>
    internal static ArgumentException NotText(string value)
    {
        var at = 0;
        while (at < value.Length)
        {
            if (char.IsHighSurrogate(value[at]) && at + 1 < value.Length && char.IsLowSurrogate(value[at + 1]))
            {
                at += 2;
            }
            else if (char.IsSurrogate(value[at]))
            {
                break;
            }
            else
            {
                at++;
            }
        }

        var shown = new StringBuilder();
        foreach (var c in value.Length > 64 ? value[..64] : value)
        {
            shown.Append(char.IsSurrogate(c) || char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString());
        }

        var where = at < value.Length ? $"a lone surrogate (U+{(int)value[at]:X4}) at index {at}" : "it cannot be encoded as UTF-8";
        return new ArgumentException($"The string \"{shown}{(value.Length > 64 ? "..." : "")}\" is not valid text: {where}. Nothing was sent.");
    }

    private static int VarIntSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length)
        {
            return;
        }

        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
