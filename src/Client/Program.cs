using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using OrleansBank.Client.Commands;
using OrleansBank.Client.Output;

namespace OrleansBank.Client;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var ctrlC = new CtrlC(Console.Error);
        return await Run(args, Console.Out, Console.Error, ctrlC.Token);
    }

    /// <summary>Parses and runs one command; output goes to the given writers so tests can read it.</summary>
    public static async Task<int> Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var json = new Option<bool>("--json") { Description = "Print exact JSON on stdout instead of tables.", Recursive = true };
        var gateways = CommandArguments.CreateGatewayOption();
        // --gateway also before the command (orleansbank --gateway host:port deposit ...), as scripts write it.
        var secret = CommandArguments.CreateClusterSecretOption();
        var otlpEndpoint = TelemetryArguments.CreateOtlpEndpointOption();
        var sampleRatio = TelemetryArguments.CreateSampleRatioOption();
        var root = new RootCommand("OrleansBank command-line client.") { Options = { json, gateways, secret, otlpEndpoint, sampleRatio } };
        ConsoleOutput Output(bool asJson) => new(stdout, stderr, asJson);
        var runner = new CommandRunner(json, gateways, Output) { ClusterSecret = secret, OtlpEndpoint = otlpEndpoint, SampleRatio = sampleRatio };
        // Only the commands that talk to a silo's gateway take --gateway: race runs its own silo, download uses HTTP.
        var gatewayCommands = AccountCommands.Create(runner)
            .Append(AccountsCommand.Create(runner))
            .Append(StormCommand.Create(runner))
            .Concat(TransferCommands.Create(runner))
            .Append(StandingOrderCommands.Create(runner))
            .Append(AuditCommand.Create(runner))
            .Append(ClusterCommand.Create(runner));
        foreach (var command in gatewayCommands)
        {
            // A command with subcommands (standing-order create/list/cancel) takes them on each subcommand.
            foreach (var target in command.Subcommands.Count > 0 ? command.Subcommands : [command])
            {
                target.Options.Add(gateways);
                target.Options.Add(secret);
            }

            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(DownloadCommand.Create(runner));
        root.Subcommands.Add(RaceCommand.Create(json, Output));
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Action = new HelpWithExamples((SynchronousCommandLineAction)help.Action!);
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One clear line with every problem, and where to look for more.
            await stderr.WriteLineAsync($"error: {UsageErrors.Describe(parse)}");

            return ExitCodes.UsageError;
        }

        // Ctrl+C is Main's (CtrlC): the parser's own handling would not reach the commands past the client host.
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null };
        return await parse.InvokeAsync(invocation, cancellationToken);
    }
}
