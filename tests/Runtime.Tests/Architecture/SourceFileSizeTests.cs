namespace OrleansBank.Runtime.Tests.Architecture;

/// <summary>Small rooms: no source file of the product grows past what a reader takes in at once.</summary>
public sealed class SourceFileSizeTests
{
    private const int MaxLines = 350;

    [Fact]
    public void SourceFiles_UnderSrcAndBench_AreAtMost350LinesEach()
    {
        var root = RepoRoot();
        var tooLong = new[] { "src", "bench" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => (Path: Path.GetRelativePath(root, path), Lines: File.ReadLines(path).Count()))
            .Where(file => file.Lines > MaxLines)
            .Select(file => $"{file.Path} ({file.Lines} lines)")
            .ToList();

        Assert.True(tooLong.Count == 0, $"Split these by concern (partial files or collaborators), each at most {MaxLines} lines: {string.Join(", ", tooLong)}");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OrleansBank.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No OrleansBank.sln above {AppContext.BaseDirectory}.");
    }
}
