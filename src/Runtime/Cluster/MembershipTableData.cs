namespace OrleansBank.Runtime.Cluster;

/// <summary>A consistent read of the membership table: rows with their etags, and the table version they belong to.</summary>
public sealed class MembershipTableData(IReadOnlyList<(MembershipEntry Entry, string ETag)> rows, TableVersion version)
{
    /// <summary>The rows, ordered by silo address text.</summary>
    public IReadOnlyList<(MembershipEntry Entry, string ETag)> Rows { get; } = rows;

    /// <summary>The table version at the moment of the read; pass its <see cref="TableVersion.Next"/> to a write.</summary>
    public TableVersion Version { get; } = version;

    /// <summary>The row of <paramref name="silo"/> with its etag, or null when the table has none.</summary>
    public (MembershipEntry Entry, string ETag)? Find(SiloAddress silo)
    {
        foreach (var row in Rows)
        {
            if (row.Entry.SiloAddress == silo)
            {
                return row;
            }
        }

        return null;
    }
}
