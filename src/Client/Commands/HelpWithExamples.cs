using System.CommandLine;
using System.CommandLine.Invocation;

namespace OrleansBank.Client.Commands;

/// <summary>The usual help, followed by the command's examples and the exit codes, which the parser's help has no place for.</summary>
internal sealed class HelpWithExamples(SynchronousCommandLineAction help) : SynchronousCommandLineAction
{
    private static readonly Dictionary<string, string[]> Examples = new(StringComparer.Ordinal)
    {
        ["open"] = ["orleansbank open alice --owner Alice --initial 1000", "orleansbank open alice --op-id open-alice-1 --json"],
        ["deposit"] = ["orleansbank deposit alice 250.50", "orleansbank deposit alice 250.50 --op-id pay-42"],
        ["withdraw"] = ["orleansbank withdraw alice 600", "orleansbank withdraw alice 600 --op-id rent-2026-11 --json"],
        ["balance"] = ["orleansbank balance alice", "orleansbank balance alice --json --gateway localhost:30000"],
        ["statement"] = ["orleansbank statement alice", "orleansbank statement alice --last 10", "orleansbank statement alice --after 100 --limit 50 --json"],
        ["close"] = ["orleansbank close alice", "orleansbank close alice --op-id close-alice --json"],
        ["accounts"] = ["orleansbank accounts", "orleansbank accounts --prefix al --limit 20", "orleansbank accounts --after alice --json"],
        ["storm"] = ["orleansbank storm alice --count 10000 --amount 1", "orleansbank storm alice --count 10000 --amount 1 --op-prefix storm-1"],
        ["download"] = ["orleansbank download alice --out statements --http http://localhost:8080"],
        ["race"] = ["orleansbank race", "orleansbank race --json"],
        ["transfer"] = ["orleansbank transfer alice bob 25", "orleansbank transfer alice bob 25 --id rent-2026-11 --json"],
        ["cluster"] = ["orleansbank cluster", "orleansbank cluster --json --gateway localhost:30001"],
        ["transfer-status"] = ["orleansbank transfer-status rent-2026-11", "orleansbank transfer-status rent-2026-11 --json"],
    };

    public override bool ClearsParseErrors => true;

    public override int Invoke(ParseResult parseResult)
    {
        var code = help.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        var name = parseResult.CommandResult.Command.Name;
        if (Examples.TryGetValue(name, out var examples))
        {
            output.WriteLine("Examples:");
            foreach (var example in examples)
            {
                output.WriteLine($"  {example}");
            }

            output.WriteLine();
        }

        output.WriteLine(ExitCodes.Help);
        return code;
    }
}
