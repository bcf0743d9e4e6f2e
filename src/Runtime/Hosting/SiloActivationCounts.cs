using OrleansBank.Runtime.Activation;

namespace OrleansBank.Runtime;

/// <summary>How many activations this silo holds, by grain type: for the silo's operators (e.g. its GET /cluster).</summary>
public sealed class SiloActivationCounts
{
    private readonly Catalog _catalog;

    internal SiloActivationCounts(Catalog catalog) => _catalog = catalog;

    /// <summary>The activations alive now, counted by grain type name (e.g. "account"), in name order.</summary>
    public IReadOnlyDictionary<string, int> ByGrainType() =>
        _catalog.Activations
            .GroupBy(a => a.GrainId.Type, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
