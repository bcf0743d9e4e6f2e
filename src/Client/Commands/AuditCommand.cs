using System.CommandLine;
using System.Diagnostics;
using OrleansBank.Client.Audit;
using OrleansBank.Grains;
using Spectre.Console;

namespace OrleansBank.Client.Commands;

/// <summary><c>audit</c>: a bank workload under whatever faults the cluster suffers, then a check that the books balance.</summary>
internal static class AuditCommand
{
    public static Command Create(CommandRunner runner)
    {
        var accounts = CommandArguments.WholeNumberOption("--accounts", "How many accounts to open (2 to 1,000; default 8).", 2, 1_000, "a whole number from 2 to 1,000");
        var transfers = CommandArguments.WholeNumberOption("--transfers", "How many transfers to send (default 1,000).", 1, 10_000_000, "a whole number from 1 to 10,000,000");
        var duration = CommandArguments.WholeNumberOption("--duration", "Send transfers for S seconds instead of a count.", 1, 86_400, "a whole number of seconds from 1 to 86,400");
        var concurrency = CommandArguments.WholeNumberOption("--concurrency", "How many transfers in flight at once (default 8).", 1, 1_000, "a whole number from 1 to 1,000");
        var prefix = new Option<string?>("--prefix")
        {
            Description = "The prefix of the run's account and transfer ids (default: audit-<random>); a prefix already used fails.",
        };
        prefix.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } p && (!AccountIds.TryValidate($"{p}-a0", out _) || p.Length > 100))
            {
                r.AddError($"The prefix {TextRules.Quote(p)} cannot start account ids: give 1-100 ASCII letters, digits or - _ . : @.");
            }
        });
        var command = new Command("audit", "Open accounts, run concurrent random transfers and reads (retrying unknown outcomes with the same id), then check that the books balance.")
        {
            accounts, transfers, duration, concurrency, prefix,
        };
        command.Validators.Add(r =>
        {
            if (r.GetResult(transfers) is { Implicit: false } && r.GetResult(duration) is { Implicit: false })
            {
                r.AddError("Give --transfers or --duration, not both.");
            }
        });
        command.SetAction((parse, ct) => runner.Run(parse, async o =>
        {
            var settings = new AuditSettings(
                (int)(parse.GetValue(accounts) ?? 8),
                parse.GetValue(duration) is null ? (int)(parse.GetValue(transfers) ?? 1_000) : null,
                parse.GetValue(duration) is { } s ? TimeSpan.FromSeconds(s) : null,
                (int)(parse.GetValue(concurrency) ?? 8),
                parse.GetValue(prefix) ?? $"audit-{Guid.NewGuid():N}"[..14]);
            var secret = runner.ClusterSecret is null ? null : parse.GetValue(runner.ClusterSecret);
            await using var clients = new AuditClients(parse.GetValue(runner.GatewayOption)!, secret);
            await clients.StartAsync(settings.Connections, ct);
            var ledger = new AuditLedger();
            var workload = new AuditWorkload(settings, clients, ledger);
            var clock = Stopwatch.StartNew();
            o.Note($"Audit {settings.Prefix}: opening {settings.Accounts} accounts with {MoneyTextOf(settings.OpeningBalance)} each.");
            await workload.OpenAccountsAsync(ct);
            await workload.RunAsync(ct);
            var report = await new AuditChecker(settings, clients, ledger).CheckAsync(ct);
            if (o.Json)
            {
                o.WriteJson(report);
            }
            else
            {
                Render(o, report, settings, clock.Elapsed);
            }

            return report.Anomalies.Count == 0 ? ExitCodes.Success : ExitCodes.BooksDoNotBalance;
        }));
        return command;
    }

    private static string MoneyTextOf(decimal amount) => Output.MoneyText.Format(amount);

    private static void Render(Output.ConsoleOutput o, AuditReport report, AuditSettings settings, TimeSpan elapsed)
    {
        o.Console.MarkupLineInterpolated(
            $"Ran {report.Transfers:N0} transfers among {report.Accounts} accounts ({settings.Prefix}) in {elapsed.TotalSeconds:0.0} s over {settings.Connections} connections: {report.Posted:N0} posted, {report.Declined:N0} declined, {report.Retried:N0} retried with the same id.");
        var table = new Table().AddColumns("Check", "Found");
        table.AddRow("Total before / after", $"{MoneyTextOf(report.TotalBefore)} / {MoneyTextOf(report.TotalAfter)}");
        table.AddRow("Negative balances seen", report.NegativeSeen.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("Legs left pending", report.PendingLeft.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("Anomalies", report.Anomalies.Count.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        o.Console.Write(table);
        foreach (var anomaly in report.Anomalies)
        {
            o.Console.MarkupLineInterpolated($"[red]anomaly:[/] {anomaly}");
        }

        o.Console.MarkupLine(report.Anomalies.Count == 0
            ? "[green]The books balance:[/] every acknowledged transfer posted once on both sides, nothing pending, every statement consistent."
            : "[red]The books do not balance.[/]");
    }
}
