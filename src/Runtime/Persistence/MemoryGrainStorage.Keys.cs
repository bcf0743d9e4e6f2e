namespace OrleansBank.Runtime.Persistence;

/// <summary>Lists the grains this process's memory store holds state or a log for.</summary>
internal sealed partial class MemoryGrainStorage : IGrainKeyLister
{
    public Task<IReadOnlyList<string>> ListGrainKeysAsync(string grainType, string prefix, string? after, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        List<string> keys;
        lock (_records)
        {
            keys = _records.Keys.Select(k => k.Grain).Where(g => g.Type == grainType).Select(g => g.Key).ToList();
        }

        lock (_logs)
        {
            keys.AddRange(_logs.Where(l => l.Key.Grain.Type == grainType && l.Value.Count > 0).Select(l => l.Key.Grain.Key));
        }

        IReadOnlyList<string> page = keys
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && (after is null || string.CompareOrdinal(k, after) > 0))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Take(limit)
            .ToArray();
        return Task.FromResult(page);
    }
}
