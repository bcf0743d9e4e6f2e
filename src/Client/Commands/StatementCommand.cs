using System.CommandLine;
using OrleansBank.Client.Output;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Client.Commands;

/// <summary>
/// <c>statement</c>: the whole ledger, read a page at a time so it works at any size, or just the last N entries,
/// or one page after a sequence number.
/// </summary>
internal static class StatementCommand
{
    public static Command Create(CommandRunner runner, Argument<string> account)
    {
        var pageSize = $"a whole number from 1 to {StatementPage.MaxEntries:N0}";
        var last = CommandArguments.WholeNumberOption("--last", $"Only the last N entries (N from 1 to {StatementPage.MaxEntries:N0}).", 1, StatementPage.MaxEntries, pageSize);
        var after = CommandArguments.WholeNumberOption("--after", "Only entries after sequence SEQ (0 or more): one page.", 0, long.MaxValue, "a sequence number, 0 or more (0 starts at the first entry)");
        var limit = CommandArguments.WholeNumberOption("--limit", $"At most N entries (N from 1 to {StatementPage.MaxEntries:N0}) after --after (default 0): one page.", 1, StatementPage.MaxEntries, pageSize);
        var command = new Command("statement", "Show the ledger: all of it, the last N entries (--last), or one page (--after, --limit).")
        {
            account, last, after, limit,
        };
        command.Validators.Add(r =>
        {
            if (r.GetResult(last) is not null && (r.GetResult(after) is not null || r.GetResult(limit) is not null))
            {
                r.AddError("--last cannot be combined with --after or --limit: ask for the last entries, or for a page.");
            }
        });
        command.SetAction((parse, ct) => runner.WithClient(parse, ct, async (client, o) =>
        {
            var grain = client.GetGrain<IAccountGrain>(parse.GetValue(account)!);
            if (parse.GetValue(last) is { } count)
            {
                StatementOutput.WritePage(o, await grain.GetStatementTail((int)count));
            }
            else if (parse.GetValue(after) is not null || parse.GetValue(limit) is not null)
            {
                StatementOutput.WritePage(o, await grain.GetStatementPage(parse.GetValue(after) ?? 0, (int)(parse.GetValue(limit) ?? StatementPage.MaxEntries)));
            }
            else
            {
                await WriteAllAsync(o, grain, ct);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Pages through the whole ledger, writing each page as it arrives: nothing holds the whole statement.</summary>
    private static async Task WriteAllAsync(ConsoleOutput o, IAccountGrain grain, CancellationToken cancellationToken)
    {
        var output = new StatementOutput(o);
        var size = StatementPage.MaxEntries;
        long after = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            StatementPage page;
            try
            {
                page = await grain.GetStatementPage(after, size);
            }
            catch (ResponseTooLargeException) when (size > 1)
            {
                // A silo with a smaller frame limit than usual, or very long operation ids: ask for less.
                size = Math.Max(1, size / 2);
                continue;
            }

            output.Add(page);
            if (!page.HasMore)
            {
                output.End(page);
                return;
            }

            after = page.NextAfter;
        }
    }
}
