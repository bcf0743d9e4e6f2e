namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// The cluster's grain directory, kept in the membership store: grain -> the silo and activation that hold it. The
/// first registration wins; a silo written <see cref="SiloStatus.Dead"/> loses its rows in that same write (see
/// <see cref="IMembershipTable.UpdateRowAsync"/>). Scoped by the store's cluster id.
/// </summary>
public interface IGrainDirectoryTable
{
    /// <summary>Creates the schema if missing; the same step as <see cref="IMembershipTable.InitializeAsync"/>.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Registers <paramref name="registration"/> unless the grain already has one, and returns the registration that
    /// holds: this one, or the earlier winner (then this activation must go). Null when the grain had none and the
    /// silo is not a live member (no row, or a dead one): a silo declared dead can never register again.
    /// </summary>
    Task<GrainRegistration?> RegisterAsync(GrainRegistration registration);

    /// <summary>The grain's registration, or null when it has none.</summary>
    Task<GrainRegistration?> LookupAsync(GrainId grainId);

    /// <summary>Removes the grain's registration only if it is still exactly <paramref name="registration"/>; true if removed.</summary>
    Task<bool> UnregisterAsync(GrainRegistration registration);
}
