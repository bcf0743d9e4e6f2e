namespace OrleansBank.Runtime.Messaging.Serialization;

/// <summary>Field ids derived from property names: stable across builds and processes.</summary>
internal static class FieldIds
{
    public static uint FromName(string name)
    {
        // FNV-1a over the name, folded to 28 bits (a 4-byte varint) and kept non-zero, since 0 ends an object.
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return ((hash ^ (hash >> 28)) & 0x0FFFFFFF) | 1u << 27;
    }
}
