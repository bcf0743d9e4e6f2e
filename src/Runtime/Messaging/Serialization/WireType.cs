namespace OrleansBank.Runtime.Messaging.Serialization;

/// <summary>The tag before every value on the wire: enough for a reader to skip a value it does not know.</summary>
internal enum WireType : byte
{
    Null = 0,
    False = 1,
    True = 2,

    /// <summary>A zig-zag encoded signed integer.</summary>
    VarInt = 3,

    /// <summary>An unsigned integer.</summary>
    UVarInt = 4,

    /// <summary>8 bytes, little-endian (double).</summary>
    Fixed64 = 5,

    /// <summary>16 bytes: the four 32-bit parts of a decimal.</summary>
    Decimal = 6,

    /// <summary>A length, then that many bytes (strings are UTF-8).</summary>
    Bytes = 7,

    /// <summary>16 bytes.</summary>
    Guid = 8,

    /// <summary>A count, then that many values.</summary>
    List = 9,

    /// <summary>A count, then that many key and value pairs.</summary>
    Map = 10,

    /// <summary>Field id and value pairs, ended by field id 0.</summary>
    Object = 11,

    /// <summary>Type name, message and remote stack trace, as three strings.</summary>
    Exception = 12,

    /// <summary>Ticks (VarInt) then offset minutes (VarInt).</summary>
    DateTimeOffset = 13,

    /// <summary>4 bytes, little-endian (float).</summary>
    Fixed32 = 14,
}
