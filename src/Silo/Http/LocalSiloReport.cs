namespace OrleansBank.Silo.Http;

/// <summary>What GET /cluster/local answers: this silo's identity and its activations by grain type.</summary>
/// <param name="Address">The silo endpoint, <c>host:port</c>.</param>
/// <param name="Generation">This incarnation's start time in Unix milliseconds.</param>
/// <param name="Activations">Activations alive now, by grain type name.</param>
internal sealed record LocalSiloReport(string Address, long Generation, IReadOnlyDictionary<string, int> Activations);
