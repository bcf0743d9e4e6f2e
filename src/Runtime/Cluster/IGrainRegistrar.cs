namespace OrleansBank.Runtime.Cluster;

/// <summary>
/// The grain directory as an activation uses it: register before running any grain code, unregister when gone. A
/// silo alone has none (its catalog skips both steps).
/// </summary>
internal interface IGrainRegistrar
{
    /// <summary>
    /// Registers <paramref name="registration"/>; returns the registration that holds (this one, or an earlier winner
    /// whose silo then gets this activation's messages), or null when this silo is not a live cluster member.
    /// </summary>
    Task<GrainRegistration?> RegisterAsync(GrainRegistration registration);

    /// <summary>Removes exactly <paramref name="registration"/>, if it still holds.</summary>
    Task UnregisterAsync(GrainRegistration registration);
}
