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
            var total = (int)parse.GetValue(count)!.Value;
            Task<StormReport> Run(Action? answered) =>
                RunAsync(grain, total, parse.GetValue(amount), (int?)parse.GetValue(concurrency), opPrefix, answered, ct);
            var report = o.IsTerminal && !o.Json ? await WithProgressAsync(o.Console, total, Run) : await Run(null);
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

            var resume = $"To finish it safely, run it again with --op-prefix {report.OpIdPrefix}: what ran returns its first result and changes nothing.";
            if (ct.IsCancellationRequested)
            {
                o.Error($"Cancelled: {report.NotSent:N0} withdrawals were not sent. {resume}");
                return ExitCodes.Cancelled;
            }

            o.Error($"The storm did not finish: {report.Failed:N0} withdrawals got no answer (they may or may not have run) and {report.NotSent:N0} were not sent"
                + $"{(report.BalanceAfter is null ? ", and the balance could not be read" : "")}. {resume}");
            return ExitCodes.SiloUnreachable;
        }));
        return command;
    }

    /// <summary>
    /// Sends the withdrawals, each retried through another gateway when its gateway is lost (up to
    /// <see cref="OperationRetry.MaxAttempts"/> attempts). A call that still gets no answer (silo gone or shutting down, time-out, store failure) is counted
    /// as failed and stops the storm: the rest are not sent, and the report says how to resume. Any other error (the
    /// account is not open, an id used for another amount) is a real answer, and is thrown. Cancelling stops sending:
    /// the calls in flight are answered, the rest are counted as not sent. <paramref name="answered"/> is called once
    /// per answered call, from any thread.
    /// </summary>
    public static async Task<StormReport> RunAsync(
        IAccountGrain account, int count, decimal amount, int? concurrency, string opIdPrefix, Action? answered = null, CancellationToken cancellationToken = default)
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
            while (Volatile.Read(ref stop) == 0 && !cancellationToken.IsCancellationRequested && (i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    // A lost gateway is stepped over: the id makes the repeat apply at most once.
                    var opId = $"{opIdPrefix}-{i}";
                    var retried = false;
                    var result = await OperationRetry.CallAsync(() => account.Withdraw(amount, opId), opId, _ => retried = true);
                    outcomes[i] = (result.Approved, result.Replayed) switch
                    {
                        (true, true) when retried => Outcome.ApprovedAfterRetry,
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
                    answered?.Invoke();
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

    /// <summary>Runs the storm under a live progress bar: a person watching sees it move, not a blank screen.</summary>
    private static async Task<StormReport> WithProgressAsync(IAnsiConsole console, int count, Func<Action?, Task<StormReport>> run)
    {
        return await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("Withdrawals", maxValue: count);
                var done = 0;
                var storm = run(() => Interlocked.Increment(ref done));
                while (!storm.IsCompleted)
                {
                    bar.Value = Volatile.Read(ref done);
                    // Spectre redraws on its own timer; this only copies the count across, a few times a second.
                    await Task.WhenAny(storm, Task.Delay(100));
                }

                bar.Value = Volatile.Read(ref done);
                return await storm;
            });
    }

    /// <summary>An error that means the call got no answer: it may have run (or, refused during shutdown, did not).</summary>
    private static bool IsUnanswered(Exception ex) => ex is SiloUnavailableException or TimeoutException or GrainStorageException;

    private static StormReport Summarize(Outcome[] outcomes, double[] latencies, int count, decimal amount, string prefix, decimal before, decimal? after, double seconds)
    {
        // One pass, not one per kind: a storm cut short by Ctrl+C must summarize millions of slots within the grace period.
        var counts = new int[Enum.GetValues<Outcome>().Length];
        foreach (var outcome in outcomes)
        {
            counts[(int)outcome]++;
        }

        int Count(params Outcome[] kinds) => kinds.Sum(k => counts[(int)k]);
        var fresh = Count(Outcome.Approved);
        var failed = Count(Outcome.Failed);
        // A replay answering a retry may be this run's own lost first attempt, or an earlier run's: either way it ran once.
        var uncertain = Count(Outcome.ApprovedAfterRetry);
        var sent = count - counts[(int)Outcome.NotSent];

        // Replays changed nothing, so only fresh approvals explain the drop; a failed call may have run, or run later.
        bool? conserved = after is { } a
            ? failed + uncertain == 0
                ? fresh * amount == before - a
                : before - a >= fresh * amount && before - a <= (fresh + failed + uncertain) * amount && (before - a) % amount == 0m
            : null;
        var sentLatencies = latencies.Where((_, i) => outcomes[i] != Outcome.NotSent).Order().ToArray();
        return new StormReport(
            Count(Outcome.Approved, Outcome.ApprovedReplay, Outcome.ApprovedAfterRetry),
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
        var table = new Table().Title($"{r.Count:N0} withdrawals of {MoneyText.Format(r.Amount)}", new Style(decoration: Decoration.Bold)).AddColumns("", "").HideHeaders();
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
        table.AddRow("Latency p50 / p99", $"{LatencyText.Format(r.LatencyP50Ms)} / {LatencyText.Format(r.LatencyP99Ms)}");
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

        /// <summary>Approved, answered as a replay after a retry: it ran once, in this run or an earlier one.</summary>
        ApprovedAfterRetry,
    }
}
