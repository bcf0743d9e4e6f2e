using System.Diagnostics;
using System.Text;

namespace OrleansBank.Silo.Tests.Repository;

/// <summary>Runs a command of the repository (a script, dotnet) to completion within a deadline and captures its output.</summary>
internal static class Shell
{
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(
        string file,
        IEnumerable<string> args,
        string workingDirectory,
        TimeSpan deadline,
        IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = new Process { StartInfo = info };
        var (stdout, stderr) = (new StringBuilder(), new StringBuilder());
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync().WaitAsync(deadline);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not exit within {deadline}. Output: {Read(stdout)} {Read(stderr)}");
        }

        process.WaitForExit(); // drains the output readers
        return (process.ExitCode, Read(stdout), Read(stderr));
    }

    private static void Append(StringBuilder to, string? line)
    {
        if (line is not null)
        {
            lock (to)
            {
                to.AppendLine(line);
            }
        }
    }

    private static string Read(StringBuilder from)
    {
        lock (from)
        {
            return from.ToString();
        }
    }
}
