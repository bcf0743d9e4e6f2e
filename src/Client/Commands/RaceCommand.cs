using System.CommandLine;
using OrleansBank.Client.Output;
using OrleansBank.Client.Race;
using Spectre.Console;

namespace OrleansBank.Client.Commands;

/// <summary><c>race</c>: the $600 / $500 withdrawals from $1000, on raw threads, with a lock, and on account grains.</summary>
internal static class RaceCommand
{
    public static Command Create(Option<bool> jsonOption, Func<bool, ConsoleOutput> output)
    {
        var command = new Command("race", "Race two withdrawals ($600, $500) from a $1000 account three ways: raw threads, a lock, account grains.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var o = output(parse.GetValue(jsonOption));
            await using var silo = await InProcessSilo.StartAsync(cancellationToken);
            var report = await RaceScenario.RunAllAsync(silo.GrainFactory);
            if (o.Json)
            {
                o.WriteJson(report);
            }
            else
            {
                Render(o.Console, report);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, RaceReport report)
    {
        var table = new Table()
            .Title($"Withdraw {string.Join(" and ", RaceScenario.Withdrawals.Select(MoneyText.Format))} from {MoneyText.Format(RaceScenario.OpeningBalance)}, at the same time", new Style(decoration: Decoration.Bold))
            .AddColumns("Approach", "Attempts", "Approved", "Declined", "Final balance", "Verdict");
        Row(table, "Raw threads", report.RawThreads);
        Row(table, "Lock", report.Lock);
        Row(table, "Grains (no locks)", report.Grains);
        console.Write(table);
    }

    private static void Row(Table table, string name, RaceOutcome outcome) => table.AddRow(
        name,
        string.Join(", ", RaceScenario.Withdrawals.Select(MoneyText.Format)),
        List(outcome.Approved),
        List(outcome.Declined),
        MoneyText.Format(outcome.FinalBalance),
        outcome.FinalBalance < 0 ? "[red]overdrawn[/]" : "[green]correct[/]");

    private static string List(IReadOnlyList<decimal> amounts) => amounts.Count == 0 ? "-" : string.Join(", ", amounts.Select(MoneyText.Format));
}
