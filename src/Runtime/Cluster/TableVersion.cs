using System.Globalization;

namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// The membership table's version and the etag a versioned write must present. A writer reads the table, then
/// passes <see cref="Next"/> of the version it read: the write succeeds only if the stored etag is still
/// <see cref="ETag"/>, and stores <see cref="Version"/> in the same atomic step.
/// </summary>
public sealed record TableVersion(long Version, string ETag)
{
    /// <summary>The version of a table nobody has written yet.</summary>
    public static TableVersion Initial { get; } = new(0, "0");

    /// <summary>The version a write based on this one stores: one more, presenting this version's etag.</summary>
    public TableVersion Next() => this with { Version = Version + 1 };

    /// <summary>The etag the stores give a version: its number, which only ever grows, so a stale one never matches.</summary>
    public static TableVersion Stored(long version) => new(version, version.ToString(CultureInfo.InvariantCulture));
}
