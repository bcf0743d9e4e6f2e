using System.IO.Compression;
using System.Xml.Linq;
using OrleansBank.Tests.Shared;

namespace OrleansBank.Silo.Tests.Repository;

/// <summary>The client packs as a .NET tool, so `dotnet tool install` accepts it (README, "Install the client").</summary>
public sealed class ClientToolPackageTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("client-pack-").FullName;

    [Fact]
    public async Task Pack_Client_IsADotnetToolNamedOrleansbank()
    {
        // The command the README gives; build servers off, so no compiler process outlives the test holding its output.
        var (exit, stdout, stderr) = await Shell.RunAsync(
            "dotnet",
            ["pack", "src/Client", "-c", "Release", "-o", _output, "--disable-build-servers", "-nologo"],
            Built.RepoRoot,
            TimeSpan.FromMinutes(10)); // generous: a cold Release build of four projects on a busy machine

        Assert.True(exit == 0, $"dotnet pack failed ({exit}): {stdout} {stderr}");
        var package = Assert.Single(Directory.GetFiles(_output, "*.nupkg"));
        Assert.StartsWith("OrleansBank.Client.", Path.GetFileName(package), StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead(package);
        var settings = zip.Entries.SingleOrDefault(e => e.FullName.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
        Assert.True(settings is not null, $"no DotnetToolSettings.xml in {package}: {string.Join(", ", zip.Entries.Select(e => e.FullName))}");
        using var stream = settings.Open();
        var command = XDocument.Load(stream).Descendants("Command").Single();
        Assert.Equal("orleansbank", command.Attribute("Name")?.Value);
        Assert.Equal("orleansbank.dll", command.Attribute("EntryPoint")?.Value);
        Assert.Contains(zip.Entries, e => e.FullName == "README.md");
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);
}
