using System.Text;
using System.Text.RegularExpressions;
using OrleansBank.Tests.Shared;

namespace OrleansBank.Silo.Tests.Repository;

/// <summary>
/// The command blocks README.md and docs/*.md mark as checked run as written, in order, against a fresh silo:
/// each must exit 0. The only change is the address: the documented defaults (localhost:30000, localhost:8080) become
/// the test silo's free ports.
/// </summary>
public sealed partial class ReadmeExamplesTests : IDisposable
{
    /// <summary>The line that marks the fenced block after it as run by this test.</summary>
    public const string Marker = "<!-- checked: tests/Silo.Tests/Repository/ReadmeExamplesTests.cs";

    private static readonly string[] ClientPrefixes = ["dotnet run --project src/Client --", "orleansbank"];

    private readonly string _folder = Directory.CreateTempSubdirectory("readme-examples-").FullName;

    [Fact]
    public async Task CheckedBlocks_RunInOrderAgainstASilo_EveryCommandExitsZero()
    {
        var commands = Documents().SelectMany(CheckedCommands).ToList();
        Assert.True(commands.Count(c => c.Document == "README.md") >= 5, $"README.md has fewer checked commands than expected: is the '{Marker}' line still above its client block?");

        await using var silo = await SiloProcess.StartAsync();
        var takesGateway = new Dictionary<string, bool>();
        foreach (var (document, line) in commands)
        {
            var args = ClientArguments(document, line, silo);
            // A command with subcommands (standing-order create) has the option on each subcommand.
            var command = args.Length > 1 && !args[1].StartsWith('-') ? $"{args[0]} {args[1]}" : args[0];
            if (!takesGateway.TryGetValue(command, out var takes))
            {
                // Only where the command has the option: `race` needs no silo, and may not take --gateway.
                var (_, help, _) = await RunAsync([args[0], "--help"]);
                if (!help.Contains("--gateway", StringComparison.Ordinal) && command != args[0])
                {
                    (_, help, _) = await RunAsync([args[0], args[1], "--help"]);
                }

                takesGateway[command] = takes = help.Contains("--gateway", StringComparison.Ordinal);
            }

            var (exit, stdout, stderr) = await RunAsync(takes ? [.. args, "--gateway", silo.Gateway] : args);

            Assert.True(exit == 0, $"{document}: `{line}` exited {exit}.\nstdout: {stdout}\nstderr: {stderr}");
        }
    }

    [Fact]
    public void CheckedCommands_ALineWithACommentAndQuotes_SplitsAsTheShellDoes()
    {
        Assert.Equal(
            ["open", "alice", "--owner", "Ada Lovelace", "--initial", "1000"],
            Words("open alice --owner \"Ada Lovelace\" --initial 1000   # a comment"));
        Assert.Equal(["storm", "a#b", "x y"], Words("storm a#b 'x y'"));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IEnumerable<string> Documents() =>
        new[] { Path.Combine(Built.RepoRoot, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(Built.RepoRoot, "docs"), "*.md").Order(StringComparer.Ordinal));

    /// <summary>Every command line of the fenced blocks that follow a marker line, in document order.</summary>
    private static IEnumerable<(string Document, string Line)> CheckedCommands(string path)
    {
        var name = Path.GetRelativePath(Built.RepoRoot, path);
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].TrimStart().StartsWith(Marker, StringComparison.Ordinal))
            {
                continue;
            }

            Assert.True(i + 1 < lines.Length && lines[i + 1].StartsWith("```", StringComparison.Ordinal), $"{name}:{i + 1}: a checked marker must be followed by a fenced block.");
            for (i += 2; i < lines.Length && !lines[i].StartsWith("```", StringComparison.Ordinal); i++)
            {
                var line = lines[i].Trim();
                if (line.Length > 0 && !line.StartsWith('#'))
                {
                    yield return (name, line);
                }
            }
        }
    }

    private static string[] ClientArguments(string document, string line, SiloProcess silo)
    {
        var command = line
            .Replace("localhost:8080", silo.Http["http://".Length..], StringComparison.Ordinal)
            .Replace("localhost:30000", silo.Gateway, StringComparison.Ordinal);
        var prefix = ClientPrefixes.FirstOrDefault(p => command.StartsWith(p + " ", StringComparison.Ordinal));
        Assert.True(prefix is not null, $"{document}: `{line}` is in a checked block but is not a client command (it must start with one of: {string.Join(", ", ClientPrefixes)}).");
        return Words(command[prefix.Length..]);
    }

    /// <summary>Splits a command line into words as sh does for these examples: quotes group, an unquoted # starts a comment.</summary>
    private static string[] Words(string line)
    {
        var words = new List<string>();
        foreach (Match match in WordPattern().Matches(line))
        {
            if (match.Value.StartsWith('#'))
            {
                break;
            }

            var word = new StringBuilder();
            foreach (Match part in PartPattern().Matches(match.Value))
            {
                word.Append(part.Groups["double"].Success ? part.Groups["double"].Value
                    : part.Groups["single"].Success ? part.Groups["single"].Value
                    : part.Value);
            }

            words.Add(word.ToString());
        }

        return [.. words];
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string[] args)
    {
        // Relative paths in the examples (--out statements) land in the test's folder, not in the repository.
        await using var run = RunningProcess.Start(Built.Client, args, workingDirectory: _folder);
        // The README's audit runs 5,000 transfers: a minute or two when CI runs other test projects beside this one.
        var exit = await run.WaitForExitAsync(TimeSpan.FromMinutes(3));
        return (exit, run.Stdout, run.Stderr);
    }

    [GeneratedRegex("""(?:"[^"]*"|'[^']*'|[^\s"'])+""")]
    private static partial Regex WordPattern();

    [GeneratedRegex("""
        "(?<double>[^"]*)"|'(?<single>[^']*)'|[^"']+
        """)]
    private static partial Regex PartPattern();
}
