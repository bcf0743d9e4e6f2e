namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// The cluster's durable reminders, kept in the membership store and scoped by its cluster id. A row changes only by
/// atomic writes that give it a new etag. A silo delivers a tick only after claiming it: <see cref="ClaimDueAsync"/>
/// leases due rows to one silo at a time, and <see cref="CompleteTickAsync"/> moves the row on only while that claim
/// still holds, so exactly one silo fires each tick unless its lease lapses first.
/// </summary>
public interface IReminderTable
{
    /// <summary>Creates the schema if missing; idempotent and safe when silos start together.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Every reminder of <paramref name="grainId"/>, ordered by name.</summary>
    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId);

    /// <summary>The reminder of <paramref name="grainId"/> named <paramref name="reminderName"/>, or null when it has none.</summary>
    Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName);

    /// <summary>
    /// Writes the reminder (grain, name, start, period, due time), replacing any row of the same grain and name, and
    /// returns the row's new etag. The entry's etag and lease are ignored: the row starts unleased, so a tick in flight
    /// under the old row cannot complete against the new one. Throws an <see cref="ArgumentException"/> naming the
    /// problem for an entry <see cref="ReminderEntry.Problem"/> refuses (e.g. a period under one second).
    /// </summary>
    Task<string> UpsertRowAsync(ReminderEntry entry);

    /// <summary>Deletes the reminder if its etag is still <paramref name="etag"/>; false, deleting nothing, otherwise.</summary>
    Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string etag);

    /// <summary>
    /// Atomically leases to <paramref name="silo"/> up to <paramref name="max"/> reminders due by <paramref name="now"/>
    /// (earliest first) whose lease is free or lapsed, until <paramref name="now"/> plus
    /// <paramref name="leaseDuration"/>. Returns them with their new etags, the claim to present to
    /// <see cref="CompleteTickAsync"/>. Two silos claiming at once get disjoint sets.
    /// </summary>
    Task<IReadOnlyList<ReminderEntry>> ClaimDueAsync(SiloAddress silo, DateTimeOffset now, TimeSpan leaseDuration, int max);

    /// <summary>
    /// Records that the tick claimed as <paramref name="entry"/> was delivered: sets the due time to
    /// <paramref name="nextDue"/> (see <see cref="ReminderEntry.NextDueAfter"/>) and frees the lease, only if the row's
    /// etag is still <paramref name="claimedEtag"/>, i.e. nobody re-claimed, replaced or removed it since. False, writing
    /// nothing, when the claim was lost.
    /// </summary>
    Task<bool> CompleteTickAsync(ReminderEntry entry, string claimedEtag, DateTimeOffset nextDue);
}
