using System.IO.Compression;
using OrleansBank.Tests.Shared;

namespace OrleansBank.Silo.Tests.Repository;

/// <summary>The runtime package carries the grain code generator, so a package user's interfaces get generated references (docs/EXTENDING.md).</summary>
public sealed class RuntimePackageTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("runtime-pack-").FullName;

    [Fact]
    public async Task Pack_Runtime_CarriesTheCodeGeneratorAsAnAnalyzerNotADependency()
    {
        var (exit, stdout, stderr) = await Shell.RunAsync(
            "dotnet",
            ["pack", "src/Runtime", "-c", "Release", "-o", _output, "--disable-build-servers", "-nologo"],
            Built.RepoRoot,
            TimeSpan.FromMinutes(10)); // generous: a cold Release build on a busy machine

        Assert.True(exit == 0, $"dotnet pack failed ({exit}): {stdout} {stderr}");
        var package = Assert.Single(Directory.GetFiles(_output, "OrleansBank.Runtime.*.nupkg"));
        using var zip = ZipFile.OpenRead(package);
        Assert.Contains(zip.Entries, e => e.FullName == "analyzers/dotnet/cs/OrleansBank.CodeGenerator.dll");
        var nuspec = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var reader = new StreamReader(nuspec.Open());
        Assert.DoesNotContain("CodeGenerator", await reader.ReadToEndAsync(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);
}
