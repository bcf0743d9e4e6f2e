namespace OrleansBank.Silo.Configuration;

/// <summary>The known name nearest to a mistyped one, for "did you mean" hints.</summary>
internal static class ClosestName
{
    /// <summary>The candidate within a few edits of <paramref name="typed"/>, or null when none is that close.</summary>
    public static string? Find(string typed, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Name: c, Distance: Distance(typed.ToLowerInvariant(), c.ToLowerInvariant())))
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(2, best.Name.Length / 3) ? best.Name : null;
    }

    // Levenshtein distance: insertions, deletions and substitutions each cost one.
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
