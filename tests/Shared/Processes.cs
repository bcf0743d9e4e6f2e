using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using OrleansBank.TestingHost;

namespace OrleansBank.Tests.Shared;

/// <summary>Finds the built executables of this repository, in the configuration the tests were built in.</summary>
public static class Built
{
    public static readonly string RepoRoot = FindRoot();

    // The tests run from tests/X/bin/<Configuration>/net10.0/.
    public static readonly string Configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    public static string Silo => Path.Combine(RepoRoot, "src", "Silo", "bin", Configuration, "net10.0", "OrleansBank.Silo.dll");

    public static string Client => Path.Combine(RepoRoot, "src", "Client", "bin", Configuration, "net10.0", "orleansbank.dll");

    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A loopback port that is free now and was never handed out before in this process: the kernel may give the
    /// same ephemeral port to two binds in a row, and a silo given one port twice refuses to start.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }

    private static string FindRoot()
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

/// <summary>A process started by a test, its output captured.</summary>
public sealed class RunningProcess : IAsyncDisposable
{
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private RunningProcess(Process process) => Process = process;

    public Process Process { get; }

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static RunningProcess Start(string dll, IEnumerable<string> args, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        if (workingDirectory is not null)
        {
            info.WorkingDirectory = workingDirectory;
        }

        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var running = new RunningProcess(new Process { StartInfo = info });
        running.Process.OutputDataReceived += (_, e) => Append(running._stdout, e.Data);
        running.Process.ErrorDataReceived += (_, e) => Append(running._stderr, e.Data);
        running.Process.Start();
        running.Process.BeginOutputReadLine();
        running.Process.BeginErrorReadLine();
        running.Process.StandardInput.Close();
        return running;
    }

    /// <summary>Runs to completion within a deadline; returns the exit code and the output.</summary>
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string dll, params string[] args)
    {
        await using var run = Start(dll, args);
        var exit = await run.WaitForExitAsync();
        return (exit, run.Stdout, run.Stderr);
    }

    public Task<int> WaitForExitAsync() => WaitForExitAsync(Poll.DefaultTimeout);

    /// <summary>Waits for the process to end; <paramref name="limit"/> only bounds a hang, it is not a speed check.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        try
        {
            await Process.WaitForExitAsync().WaitAsync(limit);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Process.StartInfo.ArgumentList[0]} did not exit within {limit}. Output: {Stdout} {Stderr}");
        }

        Process.WaitForExit(); // drains the output readers
        return Process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as a service manager or Ctrl+C would.</summary>
    public void Terminate() => _ = Kill(Process.Id, 15);

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
    }

    private static void Append(StringBuilder to, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (to)
        {
            to.AppendLine(line);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

/// <summary>The real silo executable on free ports, ready once its health endpoint answers.</summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private SiloProcess(RunningProcess process, int gatewayPort, int httpPort)
    {
        Process = process;
        Gateway = $"localhost:{gatewayPort}";
        Http = $"http://127.0.0.1:{httpPort}";
        GatewayPort = gatewayPort;
    }

    private string? _ownedData;

    public RunningProcess Process { get; }

    public string Gateway { get; }

    public int GatewayPort { get; }

    public string Http { get; }

    public static Task<SiloProcess> StartAsync(IDictionary<string, string>? environment = null, params string[] extraArgs) =>
        StartAsync(environment, workingDirectory: null, extraArgs);

    /// <summary>Starts the silo in a working directory without choosing its data folder, so it uses its default ./data.</summary>
    public static Task<SiloProcess> StartWithDefaultDataAsync(string workingDirectory) =>
        StartAsync(null, workingDirectory, []);

    private static async Task<SiloProcess> StartAsync(IDictionary<string, string>? environment, string? workingDirectory, string[] extraArgs)
    {
        var (gateway, http) = (Built.FreePort(), Built.FreePort());
        // A test that restarts a silo on the same endpoints (a new generation of the same member) sets the ports itself.
        var args = environment?.ContainsKey("ORLEANSBANK_Silo__SiloPort") == true
            ? new List<string>()
            : ["--silo-port", Built.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (environment?.ContainsKey("ORLEANSBANK_Silo__GatewayPort") != true)
        {
            args.AddRange(["--gateway-port", gateway.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
        else
        {
            gateway = int.Parse(environment["ORLEANSBANK_Silo__GatewayPort"], System.Globalization.CultureInfo.InvariantCulture);
        }

        args.AddRange(["--http-port", http.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        // SQLite is the silo's default store: unless the test chose a folder, give it a fresh one to delete after.
        var ownedData = extraArgs.Contains("--data") || workingDirectory is not null ? null : Path.Combine(Path.GetTempPath(), $"silo-data-{Guid.NewGuid():N}");
        if (ownedData is not null)
        {
            args.AddRange(["--data", ownedData]);
        }

        args.AddRange(extraArgs);
        var process = RunningProcess.Start(Built.Silo, args, environment, workingDirectory);
        var silo = new SiloProcess(process, gateway, http) { _ownedData = ownedData };
        using var client = new HttpClient();
        await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    return process.Process.HasExited || (await client.GetAsync($"{silo.Http}/health")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            "the silo's /health to answer");
        if (process.Process.HasExited)
        {
            throw new InvalidOperationException($"The silo exited with {process.Process.ExitCode}: {process.Stdout} {process.Stderr}");
        }

        return silo;
    }

    /// <summary>Runs the real client executable against this silo.</summary>
    public Task<(int Exit, string Stdout, string Stderr)> ClientAsync(params string[] args) =>
        RunningProcess.RunAsync(Built.Client, [.. args, "--gateway", Gateway]);

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        if (_ownedData is not null && Directory.Exists(_ownedData))
        {
            Directory.Delete(_ownedData, recursive: true);
        }
    }
}
