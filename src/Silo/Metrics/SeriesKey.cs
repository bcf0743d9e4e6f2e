using System.Runtime.CompilerServices;

namespace OrleansBank.Silo.Metrics;

/// <summary>
/// The tags of one time series, held in the struct itself for up to three (every OrleansBank instrument has at most
/// three), so finding the series of a measurement allocates nothing; more tags go to an array. Equal whatever order
/// the tags come in, so one series is never split in two; it keeps the order it was first seen in for the exposition.
/// </summary>
internal readonly struct SeriesKey : IEquatable<SeriesKey>
{
    private readonly KeyValuePair<string, object?> _a;
    private readonly KeyValuePair<string, object?> _b;
    private readonly KeyValuePair<string, object?> _c;
    private readonly KeyValuePair<string, object?>[]? _more;
    private readonly int _count;
    private readonly int _hash;

    private SeriesKey(ReadOnlySpan<KeyValuePair<string, object?>> tags, bool byIdentity)
    {
        _count = tags.Length;
        if (tags.Length > 3)
        {
            _more = tags.ToArray();
        }
        else
        {
            _a = tags.Length > 0 ? tags[0] : default;
            _b = tags.Length > 1 ? tags[1] : default;
            _c = tags.Length > 2 ? tags[2] : default;
        }

        // A sum of the tags' hashes: the same whatever their order. By identity, a string costs no hashing of its
        // characters: the call path tags with the same cached strings every time, and two equal strings of different
        // identity only make two series that the exposition merges by their labels.
        var hash = 0;
        foreach (var tag in tags)
        {
            hash += byIdentity
                ? HashCode.Combine(RuntimeHelpers.GetHashCode(tag.Key), tag.Value is string ? RuntimeHelpers.GetHashCode(tag.Value) : tag.Value?.GetHashCode() ?? 0)
                : HashCode.Combine(tag.Key, tag.Value);
        }

        _hash = hash;
    }

    public int Count => _count;

    public KeyValuePair<string, object?> this[int index] => _more is not null ? _more[index] : index switch
    {
        0 => _a,
        1 => _b,
        _ => _c,
    };

    /// <summary>The key of a measurement's tags; <paramref name="byIdentity"/> hashes strings by reference (see the constructor).</summary>
    public static SeriesKey From(ReadOnlySpan<KeyValuePair<string, object?>> tags, bool byIdentity = false) => new(tags, byIdentity);

    public bool Equals(SeriesKey other)
    {
        if (_hash != other._hash || _count != other._count)
        {
            return false;
        }

        for (var i = 0; i < _count; i++)
        {
            if (!other.Has(this[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is SeriesKey other && Equals(other);

    public override int GetHashCode() => _hash;

    private bool Has(KeyValuePair<string, object?> tag)
    {
        for (var i = 0; i < _count; i++)
        {
            var mine = this[i];
            if (ReferenceEquals(mine.Key, tag.Key) || string.Equals(mine.Key, tag.Key, StringComparison.Ordinal))
            {
                return ReferenceEquals(mine.Value, tag.Value) || Equals(mine.Value, tag.Value);
            }
        }

        return false;
    }
}
