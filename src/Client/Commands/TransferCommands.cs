using System.CommandLine;
using OrleansBank.Client.Output;
using OrleansBank.Grains;
using Spectre.Console;

namespace OrleansBank.Client.Commands;

/// <summary>transfer and transfer-status: moving money between two accounts exactly once per transfer id.</summary>
internal static class TransferCommands
{
    public static IEnumerable<Command> Create(CommandRunner runner)
    {
        var from = CommandArguments.ExistingAccountArgument("The account to take the money from.", "from");
        var to = CommandArguments.ExistingAccountArgument("The account to pay it into.", "to");
        var amount = CommandArguments.AmountArgument();
        var id = TransferIdOption();
        var transfer = new Command("transfer", "Move money from one account to another, exactly once per transfer id; a shortfall is declined, not an error.") { from, to, amount, id };
        transfer.SetAction((parse, ct) =>
        {
            var given = parse.GetValue(id);
            var transferId = CommandArguments.OperationIdOrNew(given);
            return runner.WithClient(
                parse,
                ct,
                async (client, o) =>
                {
                    if (given is null)
                    {
                        // Named before sending, so a reply lost on the way leaves the user the id to retry with.
                        o.Note($"Transfer id {transferId} (if this does not finish, retry with --id {transferId})");
                    }

                    TransferResult result;
                    try
                    {
                        var grain = client.GetGrain<ITransferGrain>(transferId);
                        result = await OperationRetry.CallAsync(() => grain.Transfer(parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(amount)), transferId, o.Note, ct);
                    }
                    catch (ArgumentException e)
                    {
                        // The bank refused the request (e.g. to itself): exit 1, as for any refusal, not a usage error.
                        throw new AccountException(e.Message);
                    }

                    Show(o, result);
                    return ExitCodes.Success;
                },
                transferId,
                "--id");
        });

        var statusId = new Argument<string>("id") { Description = $"The transfer id: {OperationIds.Rule}." };
        statusId.Validators.Add(result =>
        {
            if (!OperationIds.TryValidate(result.GetValueOrDefault<string>(), out var error))
            {
                result.AddError(error.Replace("operation id", "transfer id", StringComparison.Ordinal));
            }
        });
        var status = new Command("transfer-status", "Show what is recorded for a transfer id.") { statusId };
        status.SetAction((parse, ct) => runner.WithClient(parse, ct, async (client, o) =>
        {
            var record = await client.GetGrain<ITransferGrain>(parse.GetValue(statusId)!).GetStatus();
            if (o.Json)
            {
                o.WriteJson(record);
            }
            else if (record.Result is { } result)
            {
                Show(o, result);
            }
            else if (record.Step == TransferStep.None)
            {
                o.Console.MarkupLineInterpolated($"No transfer is recorded under id {record.TransferId}.");
            }
            else
            {
                o.Console.MarkupLineInterpolated(
                    $"Transfer {record.TransferId}: {MoneyText.Format(record.Amount)} from {record.From} to {record.To}, in flight ({record.Step.ToString().ToLowerInvariant()}{(record.Decision is { } d ? ", " + d.ToString().ToLowerInvariant() : "")}).");
            }

            return record.Step == TransferStep.None ? ExitCodes.BusinessError : ExitCodes.Success;
        }));
        return [transfer, status];
    }

    private static Option<string?> TransferIdOption()
    {
        var option = new Option<string?>("--id")
        {
            Description = $"The transfer id: sending it again repeats nothing. {OperationIds.Rule}. When omitted, a new one is generated and shown before sending: retry with it.",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !OperationIds.TryValidate(value, out var error))
            {
                result.AddError(error.Replace("operation id", "transfer id", StringComparison.Ordinal));
            }
        });
        return option;
    }

    private static void Show(ConsoleOutput o, TransferResult result)
    {
        if (o.Json)
        {
            o.WriteJson(result);
            return;
        }

        var table = new Table().AddColumns("Transfer", "From", "To", "Amount", "Status", "From balance", "To balance");
        table.AddRow(
            result.TransferId.EscapeMarkup(),
            result.From.EscapeMarkup(),
            result.To.EscapeMarkup(),
            MoneyText.Format(result.Amount),
            result.Status == TransferStatus.Posted ? "[green]posted[/]" : "[yellow]declined[/]",
            MoneyText.Format(result.FromBalance),
            MoneyText.Format(result.ToBalance));
        o.Console.Write(table);
        if (result.Reason is not null)
        {
            o.Console.MarkupLineInterpolated($"Declined: {result.Reason}");
        }

        if (result.Replayed)
        {
            o.Console.MarkupLine("(a repeat of this transfer id: this is its first outcome, and nothing changed now)");
        }
    }
}
