namespace OrleansBank.Runtime;

/// <summary>Who this silo is: one per silo, fixed for its lifetime, as Orleans' ILocalSiloDetails.</summary>
public interface ILocalSiloDetails
{
    /// <summary>This silo incarnation's address: host, silo port and generation (its start time).</summary>
    SiloAddress SiloAddress { get; }
}
