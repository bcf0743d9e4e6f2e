namespace OrleansBank.Runtime.Cluster;

/// <summary>Given a target grain, answers which silo its activation lives on (or is to be created on).</summary>
/// <remarks>
/// A <see cref="ValueTask{TResult}"/> so a locator that knows the answer (one silo, a cache hit) answers without a
/// task or an await, and a cluster's locator can still ask the directory when it does not.
/// </remarks>
internal interface IGrainLocator
{
    ValueTask<SiloAddress> LocateAsync(GrainId grainId);

    /// <summary>Forgets that <paramref name="grainId"/> lives on <paramref name="silo"/>, if that is what it knew.</summary>
    /// <remarks>A locator that caches nothing has nothing to forget.</remarks>
    void Forget(GrainId grainId, SiloAddress silo)
    {
    }

    /// <summary>
    /// Learns from <paramref name="from"/>, where a call found no activation, that <paramref name="grainId"/> lives on
    /// <paramref name="to"/> (null: unknown), if what it knew was <paramref name="from"/>.
    /// </summary>
    void Moved(GrainId grainId, SiloAddress from, SiloAddress? to) => Forget(grainId, from);

    /// <summary>Forgets every grain it knew to live on <paramref name="silo"/>: that silo is stopping.</summary>
    void ForgetSilo(SiloAddress silo)
    {
    }
}
