using System.CommandLine;
using OrleansBank.Client.Commands;
using OrleansBank.Client.Output;

namespace OrleansBank.Client;

internal static class Program
{
    public static Task<int> Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Parses and runs one command; output goes to the given writers so tests can read it.</summary>
    public static async Task<int> Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var json = new Option<bool>("--json") { Description = "Print exact JSON on stdout instead of tables.", Recursive = true };
        var root = new RootCommand("OrleansBank command-line client.") { Options = { json } };
        ConsoleOutput Output(bool asJson) => new(stdout, stderr, asJson);
        root.Subcommands.Add(RaceCommand.Create(json, Output));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}");
            }

            return ExitCodes.UsageError;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
