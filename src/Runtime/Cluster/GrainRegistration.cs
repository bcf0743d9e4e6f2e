namespace OrleansBank.Runtime.Cluster;

/// <summary>Where a grain's one activation lives: the silo incarnation and the activation's id on it.</summary>
public sealed record GrainRegistration(GrainId GrainId, SiloAddress Silo, string ActivationId);
