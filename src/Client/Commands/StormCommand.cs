using System.CommandLine;
using System.Diagnostics;
using OrleansBank.Client.Output;
using OrleansBank.Grains;
using OrleansBank.Runtime;
using Spectre.Console;

namespace OrleansBank.Client.Commands;

/// <summary><c>storm</c>: many concurrent withdrawals from one account, then proof that no money was created or lost.</summary>
/// <remarks>
/// Withdrawal i carries the operation id <c>PREFIX-i</c>, so running the storm again with <c>--op-prefix PREFIX</c>
/// resends the same ids: those that ran return their first results (marked replayed) and change nothing, and the rest
/// run now. That makes a storm cut short by a lost silo safe to finish.
/// </remarks>
internal static class StormCommand
{
    /// <summary>Room left in an operation id for "-" and the largest index (9,999,999).</summary>
    private const int SuffixLength = 8;

    public static Command Create(CommandRunner runner)
    {
        var account = CommandArguments.ExistingAccountArgument("The account to withdraw from.");
        var count = CommandArguments.WholeNumberOption("--count", "How many withdrawals (1 to 10,000,000).", 1, 10_000_000, "a whole number from 1 to 10,000,000");
        count.Required = true;
        var amount = CommandArguments.AmountOption("--amount", "The amount of each withdrawal.");
        amount.Required = true;
        var concurrency = CommandArguments.WholeNumberOption("--concurrency", "At most N in flight (default: all of them).", 1, int.MaxValue, "a whole number, 1 or more");
        var prefix = new Option<string?>("--op-prefix")
        {
            Description = "Operation ids are PREFIX-0 .. PREFIX-(count-1); give the prefix a storm printed to resume it. Default: a new one.",
        };
        prefix.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is not { } p)
            {
                return;
            }

            if (CommandArguments.NotValidText("operation id prefix", p) is { } invalid)
            {
                r.AddError(invalid);
            }
            else if (!OperationIds.TryValidate(p, out _) || p.Length > OperationIds.MaxLength - SuffixLength)
            {
                r.AddError($"The operation id prefix {TextRules.Quote(p)} breaks the rule: it must be 1-{OperationIds.MaxLength - SuffixLength} printable ASCII characters (no spaces or control characters).");
            }
        });

        var command = new Command("storm", "Fire many withdrawals at once and check that approved withdrawals equal the balance drop.")
        {
            account, count, amount, concurrency, prefix,
        };
        command.SetAction((parse, ct) => runner.WithClient(parse, ct, async (client, o) =>
        {
            var grain = client.GetGrain<IAccountGrain>(parse.GetValue(account)!);
            var opPrefix = parse.GetValue(prefix) ?? $"storm-{Guid.NewGuid():N}"[..22];
            var report = await RunAsync(grain, (int)parse.GetValue(count)!.Value, parse.GetValue(amount), (int?)parse.GetValue(concurrency), opPrefix);
            if (o.Json)
            {
                o.WriteJson(report);
            }
            else
            {
                Render(o.Console, report);
            }

            if (report.Complete)
            {
                return ExitCodes.Success;
            }

            o.Error($"The storm did not finish: {report.Failed:N0} withdrawals got no answer (they may or may not have run) and {report.NotSent:N0} were not sent"
                + $"{(report.BalanceAfter is null ? ", and the balance could not be read" : "")}. "
                + $"To finish it safely, run it again with --op-prefix {report.OpIdPrefix}: what ran returns its first result and changes nothing.");
            return ExitCodes.SiloUnreachable;
        }));
        return command;
    }

    /// <summary>
    /// Sends the withdrawals. A call that gets no answer (silo gone or shutting down, time-out, store failure) is counted
    /// as failed and stops the storm: the rest are not sent, and the report says how to resume. Any other error (the
    /// account is not open, an id used for another amount) is a real answer, and is thrown.
    /// </summary>
    public static async Task<StormReport> RunAsync(IAccountGrain account, int count, decimal amount, int? concurrency, string opIdPrefix)
    {
        var before = await account.GetBalance();
        var outcomes = new Outcome[count];
        var latencies = new double[count];
        var next = -1;
        var stop = 0;
        Exception? businessError = null;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency ?? count, count)).Select(_ => Task.Run(async () =>
        {
            int i;
            while (Volatile.Read(ref stop) == 0 && (i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var result = await account.Withdraw(amount, $"{opIdPrefix}-{i}");
                    outcomes[i] = (result.Approved, result.Replayed) switch
                    {
                        (true, false) => Outcome.Approved,
                        (true, true) => Outcome.ApprovedReplay,
                        (false, false) => Outcome.Declined,
                        (false, true) => Outcome.DeclinedReplay,
                    };
                }
                catch (Exception ex) when (IsUnanswered(ex))
                {
                    outcomes[i] = Outcome.Failed;
                    Volatile.Write(ref stop, 1);
                }
                catch (Exception ex)
                {
                    outcomes[i] = Outcome.Failed;
                    Interlocked.CompareExchange(ref businessError, ex, null);
                    Volatile.Write(ref stop, 1);
                }
                finally
                {
                    latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            }
        })));
        var seconds = stopwatch.Elapsed.TotalSeconds;
        if (businessError is not null)
        {
            throw businessError;
        }

        decimal? after;
        try
        {
            after = await account.GetBalance();
        }
        catch (Exception ex) when (IsUnanswered(ex))
        {
            after = null;
        }

        return Summarize(outcomes, latencies, count, amount, opIdPrefix, before, after, seconds);
    }

    /// <summary>An error that means the call got no answer: it may have run (or, refused during shutdown, did not).</summary>
    private static bool IsUnanswered(Exception ex) => ex is SiloUnavailableException or TimeoutException or GrainStorageException;

    private static StormReport Summarize(Outcome[] outcomes, double[] latencies, int count, decimal amount, string prefix, decimal before, decimal? after, double seconds)
    {
        int Count(params Outcome[] kinds) => outcomes.Count(kinds.Contains);
        var fresh = Count(Outcome.Approved);
        var failed = Count(Outcome.Failed);
        var sent = outcomes.Count(x => x != Outcome.NotSent);

        // Replays changed nothing, so only fresh approvals explain the drop; a failed call may have run, or run later.
        bool? conserved = after is { } a
            ? failed == 0
                ? fresh * amount == before - a
                : before - a >= fresh * amount && before - a <= (fresh + failed) * amount && (before - a) % amount == 0m
            : null;
        var sentLatencies = latencies.Where((_, i) => outcomes[i] != Outcome.NotSent).Order().ToArray();
        return new StormReport(
            Count(Outcome.Approved, Outcome.ApprovedReplay),
            Count(Outcome.Declined, Outcome.DeclinedReplay),
            before,
            after,
            conserved,
            failed,
            count - sent,
            Count(Outcome.ApprovedReplay, Outcome.DeclinedReplay),
            prefix,
            count,
            amount,
            Math.Round(seconds, 3),
            Math.Round(sent / Math.Max(seconds, 1e-9), 1),
            Math.Round(Percentile(sentLatencies, 0.50), 3),
            Math.Round(Percentile(sentLatencies, 0.99), 3));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static void Render(IAnsiConsole console, StormReport r)
    {
        static string N(int n) => n.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        var table = new Table().Title($"{r.Count:N0} withdrawals of {MoneyText.Format(r.Amount)}").AddColumns("", "");
        table.AddRow("Approved", N(r.Approved));
        table.AddRow("Declined", N(r.Declined));
        if (r.Replayed > 0)
        {
            table.AddRow("Of these, repeats of an earlier run (nothing changed now)", N(r.Replayed));
        }

        if (r.Failed > 0 || r.NotSent > 0)
        {
            table.AddRow("[red]Failed (no answer: may or may not have run)[/]", N(r.Failed));
            table.AddRow("[red]Not sent[/]", N(r.NotSent));
        }

        table.AddRow("Operation ids", $"{r.OpIdPrefix}-0 .. {r.OpIdPrefix}-{r.Count - 1} (resume with --op-prefix {r.OpIdPrefix})".EscapeMarkup());
        table.AddRow("Balance before", MoneyText.Format(r.BalanceBefore));
        table.AddRow("Balance after", r.BalanceAfter is { } after ? MoneyText.Format(after) : "[red]unknown: the silo did not answer[/]");
        table.AddRow("Approved × amount = drop", r.Conserved switch
        {
            true when r.Failed > 0 => "[green]yes, counting the failed calls that may have run: no money lost or created[/]",
            true => "[green]yes: no money lost or created[/]",
            false => "[red]NO[/]",
            null => "[yellow]unknown: no balance to compare[/]",
        });
        table.AddRow("Calls/s", r.CallsPerSecond.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("Latency p50 / p99", $"{r.LatencyP50Ms:0.###} ms / {r.LatencyP99Ms:0.###} ms");
        console.Write(table);
    }

    private enum Outcome : byte
    {
        NotSent,
        Approved,
        Declined,
        ApprovedReplay,
        DeclinedReplay,
        Failed,
    }
}
