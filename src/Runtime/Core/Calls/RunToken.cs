namespace OrleansBank.Runtime.Calls;

/// <summary>
/// Names one run of a request: the silo it runs on and that silo's counter, so call-chain links from different silos
/// or processes never collide (cross-silo deadlock detection compares them).
/// </summary>
internal readonly record struct RunToken(SiloAddress Silo, long Sequence)
{
    public override string ToString() => $"{Sequence}@{Silo}";
}
