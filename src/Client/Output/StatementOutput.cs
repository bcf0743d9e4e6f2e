using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansBank.Grains;

namespace OrleansBank.Client.Output;

/// <summary>
/// Writes a statement page by page, as JSON or as aligned text. A whole statement is one JSON object whose
/// status and balance come after its entries: they are those of the last page, which is consistent with them.
/// </summary>
internal sealed class StatementOutput(ConsoleOutput output)
{
    private static readonly string Header = $"{"#",8} {"Operation",-32} {"Kind",-10} {"Amount",16} {"Balance after",16}  When";
    private bool _begun;
    private bool _anyEntry;

    /// <summary>Writes one page on its own: a JSON object with its entries and paging fields, or a table with a footer.</summary>
    public static void WritePage(ConsoleOutput output, StatementPage page)
    {
        if (output.Json)
        {
            output.WriteJson(page);
            return;
        }

        var text = new StringBuilder();
        text.Append(Title(page)).Append('\n').Append(Header).Append('\n');
        AppendRows(text, page.Entries);
        text.Append(page.Entries.Count == 0
            ? $"No entries after {page.NextAfter:N0} ({page.TotalEntries:N0} in all); balance {MoneyText.Format(page.Balance)}."
            : $"Entries {page.Entries[0].Sequence:N0} to {page.Entries[^1].Sequence:N0} of {page.TotalEntries:N0}; balance {MoneyText.Format(page.Balance)}.");
        if (page.HasMore)
        {
            text.Append(CultureInfo.InvariantCulture, $" More: --after {page.NextAfter}.");
        }

        output.Write(text.Append('\n').ToString());
    }

    /// <summary>Writes the next page of a whole statement; the first also writes its beginning.</summary>
    public void Add(StatementPage page)
    {
        var text = new StringBuilder();
        if (!_begun)
        {
            _begun = true;
            text.Append(output.Json
                ? $"{{\"accountId\":{Json(page.AccountId)},\"owner\":{Json(page.Owner)},\"entries\":["
                : $"{Title(page)}\n{Header}\n");
        }

        if (output.Json)
        {
            foreach (var entry in page.Entries)
            {
                text.Append(_anyEntry ? "," : "").Append(Json(entry));
                _anyEntry = true;
            }
        }
        else
        {
            AppendRows(text, page.Entries);
        }

        output.Write(text.ToString());
    }

    /// <summary>Writes the end of a whole statement, with the status and balance of its last page.</summary>
    public void End(StatementPage last) =>
        output.Write(output.Json
            ? $"],\"status\":{Json(last.Status)},\"balance\":{Json(last.Balance)},\"totalEntries\":{last.TotalEntries}}}\n"
            : $"Balance {MoneyText.Format(last.Balance)} after {last.TotalEntries:N0} entries.\n");

    private static string Title(StatementPage page) =>
        $"{page.AccountId} ({page.Owner}, {page.Status.ToString().ToLowerInvariant()})";

    private static void AppendRows(StringBuilder text, IReadOnlyList<LedgerEntry> entries)
    {
        foreach (var e in entries)
        {
            text.Append(CultureInfo.InvariantCulture, $"{e.Sequence,8} {e.OperationId,-32} {e.Kind,-10} {MoneyText.Format(e.Amount),16} {MoneyText.Format(e.BalanceAfter),16}  {e.Timestamp:u}")
                .Append('\n');
        }
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, BankJson.Options);
}
