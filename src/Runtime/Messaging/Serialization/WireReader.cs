using System.Buffers.Binary;
using System.Text;

namespace OrleansBank.Runtime.Messaging.Serialization;

/// <summary>Reads tagged values from untrusted bytes: every length is checked against what remains, depth is bounded.</summary>
internal ref struct WireReader(ReadOnlySpan<byte> data)
{
    public const int MaxDepth = 64;

    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;
    private int _depth;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool End => _position >= _data.Length;

    public WireType ReadTag()
    {
        var tag = ReadByte();
        return tag <= (byte)WireType.Fixed32 ? (WireType)tag : throw new ProtocolException($"Unknown wire type {tag} at byte {_position - 1}.");
    }

    public byte ReadByte() => Remaining >= 1 ? _data[_position++] : throw Truncated("a byte");

    public ulong ReadUVarInt()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            if (shift == 63 && b > 1)
            {
                throw new ProtocolException("A variable-length integer overflows 64 bits.");
            }

            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new ProtocolException("A variable-length integer is longer than 10 bytes.");
    }

    public long ReadVarInt()
    {
        var raw = ReadUVarInt();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    public int ReadFixed32()
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(Take(4, "4 bytes"));
        return value;
    }

    public long ReadFixed64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8, "8 bytes"));

    public decimal ReadDecimal()
    {
        Span<int> parts = [ReadFixed32(), ReadFixed32(), ReadFixed32(), ReadFixed32()];
        try
        {
            return new decimal(parts);
        }
        catch (ArgumentException)
        {
            throw new ProtocolException("A decimal's bytes are not a valid decimal.");
        }
    }

    public Guid ReadGuid() => new(Take(16, "a Guid"));

    public string ReadStringPayload()
    {
        var bytes = ReadBytesPayload();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ProtocolException("A string is not valid UTF-8.");
        }
    }

    public ReadOnlySpan<byte> ReadBytesPayload() => Take(ReadCount("byte string"), "a byte string");

    /// <summary>Reads a count that can be no larger than the bytes left, so hostile counts cannot force big allocations.</summary>
    public int ReadCount(string what)
    {
        var count = ReadUVarInt();
        return count <= (ulong)Remaining
            ? (int)count
            : throw new ProtocolException($"A {what} claims {count} items but only {Remaining} bytes remain.");
    }

    public void Enter()
    {
        if (++_depth > MaxDepth)
        {
            throw new ProtocolException($"Values are nested more than {MaxDepth} deep.");
        }
    }

    public void Exit() => _depth--;

    /// <summary>Skips one value whose tag has been read: how a reader ignores fields it does not know.</summary>
    public void Skip(WireType tag)
    {
        switch (tag)
        {
            case WireType.Null or WireType.False or WireType.True:
                return;
            case WireType.VarInt or WireType.UVarInt:
                ReadUVarInt();
                return;
            case WireType.Fixed32:
                Take(4, "4 bytes");
                return;
            case WireType.Fixed64:
                Take(8, "8 bytes");
                return;
            case WireType.Decimal or WireType.Guid:
                Take(16, "16 bytes");
                return;
            case WireType.Bytes:
                ReadBytesPayload();
                return;
            case WireType.DateTimeOffset:
                ReadVarInt();
                ReadVarInt();
                return;
            case WireType.Exception:
                ReadBytesPayload();
                ReadBytesPayload();
                ReadBytesPayload();
                return;
            case WireType.List:
                Enter();
                for (var i = ReadCount("list"); i > 0; i--)
                {
                    Skip(ReadTag());
                }

                Exit();
                return;
            case WireType.Map:
                Enter();
                for (var i = ReadCount("map"); i > 0; i--)
                {
                    Skip(ReadTag());
                    Skip(ReadTag());
                }

                Exit();
                return;
            case WireType.Object:
                Enter();
                while (ReadUVarInt() != 0)
                {
                    Skip(ReadTag());
                }

                Exit();
                return;
            default:
                throw new ProtocolException($"Cannot skip wire type {tag}.");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > Remaining)
        {
            throw Truncated(what);
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    private readonly ProtocolException Truncated(string what) =>
        new($"The data ends at byte {_position} where {what} was expected.");
}
