using System.CommandLine;
using System.Text;
using OrleansBank.Client.Output;
using OrleansBank.Grains;

namespace OrleansBank.Client.Commands;

/// <summary>
/// <c>accounts</c>: the account ids the silo's store holds, read from storage (not only the active ones): all of them,
/// a page at a time, or one page (--after, --limit). Text is one id per line, so it pipes into other commands.
/// </summary>
internal static class AccountsCommand
{
    public static Command Create(CommandRunner runner)
    {
        var pageSize = $"a whole number from 1 to {AccountList.MaxAccounts:N0}";
        var prefix = new Option<string>("--prefix") { Description = "Only ids that start with P (case-sensitive).", HelpName = "P" };
        prefix.Validators.Add(r =>
        {
            if (CommandArguments.NotValidText("prefix", r.GetValueOrDefault<string>() ?? "") is { } invalid)
            {
                r.AddError(invalid);
            }
        });
        var after = new Option<string>("--after") { Description = "Only ids after X (in ordinal order): one page. Give the id a page ended with.", HelpName = "X" };
        var limit = CommandArguments.WholeNumberOption("--limit", $"At most N ids (N from 1 to {AccountList.MaxAccounts:N0}): one page.", 1, AccountList.MaxAccounts, pageSize);
        var command = new Command("accounts", "List the accounts the silo's store holds (open and closed), in id order: all, or one page (--after, --limit).")
        {
            prefix, after, limit,
        };
        command.SetAction((parse, ct) => runner.WithClient(parse, ct, async (client, o) =>
        {
            var catalog = client.GetGrain<IAccountCatalogGrain>(IAccountCatalogGrain.Key);
            var p = parse.GetValue(prefix) ?? "";
            if (parse.GetResult(after) is not null || parse.GetResult(limit) is not null)
            {
                var page = await catalog.ListAccounts(p, parse.GetValue(after), (int)(parse.GetValue(limit) ?? AccountList.MaxAccounts));
                if (o.Json)
                {
                    o.WriteJson(page);
                }
                else
                {
                    o.Write(Lines(page.AccountIds) + (page.HasMore ? $"More: --after {page.NextAfter}\n" : ""));
                }

                return ExitCodes.Success;
            }

            await WriteAllAsync(o, catalog, p, ct);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Pages through every matching id, writing each page as it arrives: nothing holds the whole list.</summary>
    private static async Task WriteAllAsync(ConsoleOutput o, IAccountCatalogGrain catalog, string prefix, CancellationToken cancellationToken)
    {
        string? after = null;
        var first = true;
        if (o.Json)
        {
            o.Write("{\"accountIds\":[");
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await catalog.ListAccounts(prefix, after, AccountList.MaxAccounts);
            if (o.Json)
            {
                foreach (var id in page.AccountIds)
                {
                    o.Write((first ? "" : ",") + System.Text.Json.JsonSerializer.Serialize(id, BankJson.Options));
                    first = false;
                }
            }
            else
            {
                o.Write(Lines(page.AccountIds));
            }

            if (!page.HasMore)
            {
                if (o.Json)
                {
                    o.Write("]}\n");
                }

                return;
            }

            after = page.NextAfter;
        }
    }

    private static string Lines(IEnumerable<string> ids)
    {
        var text = new StringBuilder();
        foreach (var id in ids)
        {
            text.Append(id).Append('\n');
        }

        return text.ToString();
    }
}
