namespace OrleansBank.Runtime.Messaging.Protocol;

/// <summary>What a silo hosts: for each grain interface (by full name), the grain type that implements it.</summary>
internal sealed record Manifest(string SiloName, IReadOnlyDictionary<string, string> GrainTypesByInterface);
