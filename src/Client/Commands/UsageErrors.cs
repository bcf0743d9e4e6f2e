using System.CommandLine;

namespace OrleansBank.Client.Commands;

/// <summary>Turns the parser's errors into one line in the user's words: which argument is missing, which command was meant.</summary>
internal static class UsageErrors
{
    /// <summary>The one line to print for a command line that did not parse.</summary>
    public static string Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        if (command is RootCommand && parse.UnmatchedTokens.Count > 0)
        {
            var typed = parse.UnmatchedTokens[0];
            return Closest(typed, command.Subcommands.Select(c => c.Name)) is { } meant
                ? $"'{typed}' is not a command; did you mean '{meant}'? (orleansbank --help lists the commands)"
                : $"'{typed}' is not a command: orleansbank --help lists the commands.";
        }

        var missing = command.Arguments
            .Where(a => a.Arity.MinimumNumberOfValues > 0 && parse.GetResult(a) is not { Tokens.Count: > 0 })
            .Select(a => $"<{a.Name}>")
            .ToArray();
        var messages = parse.Errors
            .Select(e => e.Message)
            .Where(m => missing.Length == 0 || !m.StartsWith("Required argument missing", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (missing.Length > 0)
        {
            var usage = string.Join(" ", command.Arguments.Select(a => $"<{a.Name}>"));
            messages.Insert(0, $"Missing {string.Join(" and ", missing)}: write orleansbank {command.Name} {usage}.");
        }

        return $"{string.Join(" ", messages)} (orleansbank {(command is RootCommand ? "" : command.Name + " ")}--help says more)";
    }

    /// <summary>The name nearest to what was typed, if it is near enough to be a typo (an edit or two away).</summary>
    internal static string? Closest(string typed, IEnumerable<string> names) =>
        names.Select(n => (Name: n, Distance: Distance(typed.ToLowerInvariant(), n)))
            .Where(x => x.Distance <= Math.Max(1, Math.Min(2, x.Name.Length / 3)))
            .OrderBy(x => x.Distance)
            .Select(x => x.Name)
            .FirstOrDefault();

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
