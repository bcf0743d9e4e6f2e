namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// The cluster's membership: a row per silo incarnation and one table version, all scoped by the cluster id the store
/// was given. Versioned writes (insert, update) succeed only while both the row's etag and the table version still
/// match what the writer read, and bump the version in the same atomic step, so of two silos acting on the same read
/// exactly one wins and the other re-reads. Heartbeats are blind and leave the version alone.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Creates the schema if missing (idempotent, safe when silos start together) and the version row.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Every row with its etag, and the table version, read together.</summary>
    Task<MembershipTableData> ReadAllAsync();

    /// <summary>The row of <paramref name="silo"/> (none if absent) with the table version, read together.</summary>
    Task<MembershipTableData> ReadRowAsync(SiloAddress silo);

    /// <summary>
    /// Inserts a row for a silo the table does not hold yet, if the table version's etag is still
    /// <paramref name="version"/>'s (pass the read version's <see cref="TableVersion.Next"/>). False when the row
    /// exists or the version moved; nothing is written then.
    /// </summary>
    Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version);

    /// <summary>
    /// Replaces a row (status, votes, endpoints, times) if its etag is still <paramref name="etag"/> and the table
    /// version's is still <paramref name="version"/>'s; the row gets a new etag and the table the new version. Writing
    /// <see cref="SiloStatus.Dead"/> also removes every directory registration of that silo in the same transaction,
    /// so no caller can find a grain on a silo the table calls dead. False, with nothing written, on a mismatch.
    /// </summary>
    Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version);

    /// <summary>Sets the row's <see cref="MembershipEntry.IAmAliveTime"/> alone; neither its etag nor the version change.</summary>
    Task UpdateIAmAliveAsync(MembershipEntry entry);

    /// <summary>
    /// Deletes rows of silos that are not active and have not heartbeaten since <paramref name="before"/>, with their
    /// directory registrations; the version is left alone (as in Orleans), since no live silo's view depends on them.
    /// </summary>
    Task CleanupDefunctSiloEntriesAsync(DateTimeOffset before);

    /// <summary>
    /// Deletes every row and directory registration of <paramref name="clusterId"/>. Its version row stays and is
    /// bumped, so an etag read before the delete never matches afterwards and watchers are told.
    /// </summary>
    Task DeleteMembershipTableEntriesAsync(string clusterId);
}
