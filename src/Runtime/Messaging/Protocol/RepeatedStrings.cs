using System.Text;
using OrleansBank.Runtime.Messaging.Serialization;

namespace OrleansBank.Runtime.Messaging.Protocol;

/// <summary>
/// The few strings one connection's requests repeat in every frame (grain types, interface names), decoded once and
/// then matched by their bytes: a request no longer allocates them. Used by one read loop at a time.
/// </summary>
internal sealed class RepeatedStrings
{
    /// <summary>The strings kept; past this, the oldest is replaced, so a peer sending many names costs no memory.</summary>
    public const int Capacity = 16;

    private const int MaxLength = 512;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly byte[][] _bytes = new byte[Capacity][];
    private readonly string[] _strings = new string[Capacity];
    private int _count;
    private int _next;

    /// <summary>Reads a length-prefixed UTF-8 string, as <see cref="WireReader.ReadStringPayload"/> does.</summary>
    public string Read(ref WireReader reader)
    {
        var bytes = reader.ReadBytesPayload();
        for (var i = 0; i < _count; i++)
        {
            if (bytes.SequenceEqual(_bytes[i]))
            {
                return _strings[i];
            }
        }

        string value;
        try
        {
            value = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ProtocolException("A string is not valid UTF-8.");
        }

        if (bytes.Length <= MaxLength)
        {
            (_bytes[_next], _strings[_next]) = (bytes.ToArray(), value);
            _next = (_next + 1) % Capacity;
            _count = Math.Max(_count, _next == 0 ? Capacity : _next);
        }

        return value;
    }
}
