using System.Globalization;
using System.Net;
using System.Net.Sockets;
using OrleansBank.Tests.Shared;

namespace OrleansBank.Silo.Tests.Repository;

/// <summary>scripts/run.sh (the cluster demo) and scripts/tour.sh when one of their ports is already taken, as by a silo already running.</summary>
public sealed class RunScriptTests : IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("run-sh-").FullName;

    [Theory]
    [InlineData("run.sh", "SILO_PORT", "silo")]
    [InlineData("run.sh", "GATEWAY_PORT", "gateway")]
    [InlineData("run.sh", "HTTP_PORT", "HTTP")]
    [InlineData("tour.sh", "SILO_PORT", "silo")]
    [InlineData("tour.sh", "GATEWAY_PORT", "gateway")]
    [InlineData("tour.sh", "HTTP_PORT", "HTTP")]
    public async Task Script_PortTaken_NamesThePortExitsNonZeroAndLeavesNoTemporaryFolder(string script, string variable, string what)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        var environment = new Dictionary<string, string>
        {
            ["SILO_PORT"] = Built.FreePort().ToString(CultureInfo.InvariantCulture),
            ["GATEWAY_PORT"] = Built.FreePort().ToString(CultureInfo.InvariantCulture),
            ["HTTP_PORT"] = Built.FreePort().ToString(CultureInfo.InvariantCulture),
            [variable] = port,
            ["TMPDIR"] = _temp, // where mktemp makes the script's folder, so the test can see it is gone
        };

        // Generous: the script must stop before it builds anything, which alone takes longer than this.
        var (exit, stdout, stderr) = await Shell.RunAsync("bash", [Path.Combine(Built.RepoRoot, "scripts", script)], Built.RepoRoot, TimeSpan.FromSeconds(30), environment);

        Assert.NotEqual(0, exit);
        Assert.Contains($"the {what} port {port} is already in use", stderr);
        Assert.Contains($"{variable}=PORT", stderr);
        Assert.DoesNotContain("starting", stdout);
        Assert.DoesNotContain("No such process", stderr);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_temp));
    }

    public void Dispose() => Directory.Delete(_temp, recursive: true);
}
