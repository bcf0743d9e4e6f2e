using System.CommandLine;
using System.Diagnostics;
using OrleansBank.Grains;
using OrleansBank.Runtime;
using Spectre.Console;

namespace OrleansBank.Client.Commands;

/// <summary><c>storm</c>: many concurrent withdrawals from one account, then proof that no money was created or lost.</summary>
internal static class StormCommand
{
    public static Command Create(CommandSupport support)
    {
        var account = new Argument<string>("account") { Description = "The account to withdraw from." };
        var count = new Option<int>("--count") { Description = "How many withdrawals.", Required = true };
        var amount = new Option<decimal>("--amount") { Description = "The amount of each withdrawal.", Required = true };
        var concurrency = new Option<int?>("--concurrency") { Description = "At most this many in flight (default: all of them)." };
        count.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 10_000_000) { r.AddError("--count must be between 1 and 10,000,000."); } });
        concurrency.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 1) { r.AddError("--concurrency must be at least 1."); } });

        var command = new Command("storm", "Fire many withdrawals at once and check that approved withdrawals equal the balance drop.")
        {
            account, count, amount, concurrency,
        };
        command.SetAction((parse, ct) => support.WithClient(parse, ct, async (client, o) =>
        {
            var grain = client.GetGrain<IAccountGrain>(parse.GetValue(account)!);
            var report = await RunAsync(grain, parse.GetValue(count), parse.GetValue(amount), parse.GetValue(concurrency));
            if (o.Json)
            {
                o.WriteJson(report);
            }
            else
            {
                Render(o.Console, report);
            }

            return report.Failed > 0 ? ExitCodes.SiloUnreachable : ExitCodes.Success;
        }));
        return command;
    }

    public static async Task<StormReport> RunAsync(IAccountGrain account, int count, decimal amount, int? concurrency)
    {
        var before = await account.GetBalance();
        var run = Guid.NewGuid().ToString("N")[..8];
        using var gate = new SemaphoreSlim(concurrency ?? count);
        var latencies = new double[count];
        var stopwatch = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            var started = Stopwatch.GetTimestamp();
            try
            {
                var result = await account.Withdraw(amount, $"storm-{run}-{i}");
                return result.Approved ? 1 : 0;
            }
            catch (Exception ex) when (ex is SiloUnavailableException or TimeoutException)
            {
                return -1;
            }
            finally
            {
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                gate.Release();
            }
        }));
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var after = await account.GetBalance();
        var approved = outcomes.Count(x => x == 1);
        Array.Sort(latencies);
        return new StormReport(
            approved,
            outcomes.Count(x => x == 0),
            before,
            after,
            approved * amount == before - after,
            outcomes.Count(x => x < 0),
            count,
            amount,
            Math.Round(seconds, 3),
            Math.Round(count / seconds, 1),
            Math.Round(Percentile(latencies, 0.50), 3),
            Math.Round(Percentile(latencies, 0.99), 3));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static void Render(IAnsiConsole console, StormReport r)
    {
        var table = new Table().Title($"{r.Count:N0} withdrawals of {AccountCommands.Money(r.Amount)}").AddColumns("", "");
        table.AddRow("Approved", r.Approved.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("Declined", r.Declined.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        if (r.Failed > 0)
        {
            table.AddRow("[red]Failed (silo unreachable)[/]", r.Failed.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        }

        table.AddRow("Balance before", AccountCommands.Money(r.BalanceBefore));
        table.AddRow("Balance after", AccountCommands.Money(r.BalanceAfter));
        table.AddRow("Approved × amount = drop", r.Conserved ? "[green]yes: no money lost or created[/]" : "[red]NO[/]");
        table.AddRow("Calls/s", r.CallsPerSecond.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("Latency p50 / p99", $"{r.LatencyP50Ms:0.###} ms / {r.LatencyP99Ms:0.###} ms");
        console.Write(table);
    }
}

/// <summary>The outcome of a storm; the first five fields are the JSON contract.</summary>
internal sealed record StormReport(
    int Approved,
    int Declined,
    decimal BalanceBefore,
    decimal BalanceAfter,
    bool Conserved,
    int Failed,
    int Count,
    decimal Amount,
    double Seconds,
    double CallsPerSecond,
    double LatencyP50Ms,
    double LatencyP99Ms);
