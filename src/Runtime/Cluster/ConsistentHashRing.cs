using System.Text;

namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// A consistent hash ring over silos: each silo stands at <see cref="VirtualNodesPerSilo"/> points, and a key belongs to
/// the first point at or after its hash. A silo joining takes about 1/N of the keys and moves no others (modulo would
/// move most). The hash is fixed (FNV-1a with a 64-bit finalizer), so every silo builds the same ring.
/// </summary>
internal sealed class ConsistentHashRing
{
    /// <summary>Points per silo: enough that each silo's share stays near 1/N.</summary>
    public const int VirtualNodesPerSilo = 64;

    private readonly ulong[] _points;
    private readonly SiloAddress[] _owners;

    public ConsistentHashRing(IEnumerable<SiloAddress> silos)
    {
        var points = new List<(ulong Point, SiloAddress Silo)>();
        foreach (var silo in silos.Distinct())
        {
            var name = silo.ToString();
            for (var i = 0; i < VirtualNodesPerSilo; i++)
            {
                points.Add((Hash($"{name}#{i}"), silo));
            }
        }

        // Ties (vanishingly rare) break by silo text, so every silo orders them alike.
        points.Sort((a, b) => a.Point != b.Point ? a.Point.CompareTo(b.Point) : string.CompareOrdinal(a.Silo.ToString(), b.Silo.ToString()));
        _points = [.. points.Select(p => p.Point)];
        _owners = [.. points.Select(p => p.Silo)];
    }

    public bool IsEmpty => _points.Length == 0;

    /// <summary>The silo owning <paramref name="key"/>; the ring must not be empty.</summary>
    public SiloAddress Owner(string key)
    {
        if (IsEmpty)
        {
            throw new InvalidOperationException("The hash ring has no silos.");
        }

        var index = Array.BinarySearch(_points, Hash(key));
        if (index < 0)
        {
            index = ~index;
        }

        return _owners[index == _points.Length ? 0 : index];
    }

    /// <summary>FNV-1a over the UTF-8 bytes, then a 64-bit finalizer so similar keys land far apart.</summary>
    public static ulong Hash(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb93fe53a87e3UL;
        hash ^= hash >> 33;
        return hash;
    }
}
