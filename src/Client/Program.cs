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
        var gateways = CommandArguments.CreateGatewayOption();
        var root = new RootCommand("OrleansBank command-line client.") { Options = { json, gateways } };
        ConsoleOutput Output(bool asJson) => new(stdout, stderr, asJson);
        var runner = new CommandRunner(json, gateways, Output);
        foreach (var command in AccountCommands.Create(runner))
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(StormCommand.Create(runner));
        root.Subcommands.Add(DownloadCommand.Create(runner));
        root.Subcommands.Add(RaceCommand.Create(json, Output));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One clear line with every problem, and where to look for more.
            await stderr.WriteLineAsync($"error: {string.Join(" ", parse.Errors.Select(e => e.Message))} (--help lists the commands and options)");

            return ExitCodes.UsageError;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
