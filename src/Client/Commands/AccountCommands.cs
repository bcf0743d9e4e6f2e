using System.CommandLine;
using OrleansBank.Client.Output;
using OrleansBank.Grains;
using Spectre.Console;

namespace OrleansBank.Client.Commands;

/// <summary>open, deposit, withdraw, balance, statement, close: one account operation each.</summary>
internal static class AccountCommands
{
    public static IEnumerable<Command> Create(CommandRunner runner)
    {
        var account = CommandArguments.ExistingAccountArgument();
        var opId = CommandArguments.OperationIdOption();

        var newAccount = CommandArguments.NewAccountArgument();
        var owner = CommandArguments.OwnerOption();
        var initial = CommandArguments.AmountOption("--initial", "A first deposit (default 0).", allowZero: true);
        var open = new Command("open", "Open an account.") { newAccount, owner, initial, opId };
        open.SetAction((parse, ct) =>
        {
            var operationId = CommandArguments.OperationIdOrNew(parse.GetValue(opId));
            return runner.WithClient(
                parse,
                ct,
                async (client, o) =>
                {
                    var grain = client.GetGrain<IAccountGrain>(parse.GetValue(newAccount)!);
                    var summary = await OperationRetry.CallAsync(
                        () => grain.Open(CommandArguments.OwnerOrCurrentUser(parse.GetValue(owner)), parse.GetValue(initial), operationId), operationId, o.Note, ct);
                    Show(o, summary, () => o.Console.MarkupLine(
                        $"Opened [bold]{summary.AccountId.EscapeMarkup()}[/] for {summary.Owner.EscapeMarkup()}: balance {MoneyText.Format(summary.Balance)} {Operation(summary.OperationId!, summary.Replayed)}"));
                    return ExitCodes.Success;
                },
                operationId);
        });

        var depositAmount = CommandArguments.AmountArgument();
        var deposit = new Command("deposit", "Deposit money.") { account, depositAmount, opId };
        deposit.SetAction((parse, ct) =>
        {
            var operationId = CommandArguments.OperationIdOrNew(parse.GetValue(opId));
            return runner.WithClient(
                parse,
                ct,
                async (client, o) =>
                {
                    var grain = client.GetGrain<IAccountGrain>(parse.GetValue(account)!);
                    var result = await OperationRetry.CallAsync(() => grain.Deposit(parse.GetValue(depositAmount), operationId), operationId, o.Note, ct);
                    Show(o, result, () => o.Console.MarkupLine(
                        $"Deposited {MoneyText.Format(result.Amount)}: balance {MoneyText.Format(result.Balance)} {Operation(result.OperationId, result.Replayed)}"));
                    return ExitCodes.Success;
                },
                operationId);
        });

        var withdrawAmount = CommandArguments.AmountArgument();
        var withdraw = new Command("withdraw", "Withdraw money; a shortfall is declined, not an error.") { account, withdrawAmount, opId };
        withdraw.SetAction((parse, ct) =>
        {
            var operationId = CommandArguments.OperationIdOrNew(parse.GetValue(opId));
            return runner.WithClient(
                parse,
                ct,
                async (client, o) =>
                {
                    var grain = client.GetGrain<IAccountGrain>(parse.GetValue(account)!);
                    var result = await OperationRetry.CallAsync(() => grain.Withdraw(parse.GetValue(withdrawAmount), operationId), operationId, o.Note, ct);
                    Show(o, result, () => o.Console.MarkupLine(result.Approved
                        ? $"[green]Approved[/]: withdrew {MoneyText.Format(result.Amount)}, balance {MoneyText.Format(result.Balance)} {Operation(result.OperationId, result.Replayed)}"
                        : $"[yellow]Declined[/]: {result.DeclineReason.EscapeMarkup()} {Operation(result.OperationId, result.Replayed)}"));
                    return ExitCodes.Success;
                },
                operationId);
        });

        var balance = new Command("balance", "Show the balance.") { account };
        balance.SetAction((parse, ct) => runner.WithClient(parse, ct, async (client, o) =>
        {
            var id = parse.GetValue(account)!;
            var amount = await client.GetGrain<IAccountGrain>(id).GetBalance();
            Show(o, new { accountId = id, balance = amount }, () => o.Console.MarkupLineInterpolated($"{id}: {MoneyText.Format(amount)}"));
            return ExitCodes.Success;
        }));

        var close = new Command("close", "Close an account: pay out its balance; it then accepts no more changes but stays readable.") { account, opId };
        close.SetAction((parse, ct) =>
        {
            var operationId = CommandArguments.OperationIdOrNew(parse.GetValue(opId));
            return runner.WithClient(
                parse,
                ct,
                async (client, o) =>
                {
                    var id = parse.GetValue(account)!;
                    var grain = client.GetGrain<IAccountGrain>(id);
                    var result = await OperationRetry.CallAsync(() => grain.Close(operationId), operationId, o.Note, ct);
                    Show(o, result, () => o.Console.MarkupLine(
                        $"Closed [bold]{id.EscapeMarkup()}[/]: paid out {MoneyText.Format(result.PaidOut)} {Operation(result.OperationId, result.Replayed)}"));
                    return ExitCodes.Success;
                },
                operationId);
        });

        var statement = StatementCommand.Create(runner, account);
        return [open, deposit, withdraw, balance, statement, close];
    }

    /// <summary>The operation's id for a person, saying so when the answer is the first result of an earlier call.</summary>
    private static string Operation(string operationId, bool replayed) => replayed
        ? $"(operation {operationId.EscapeMarkup()}, a repeat: this is its first result, and nothing changed now)"
        : $"(operation {operationId.EscapeMarkup()})";

    private static void Show<T>(ConsoleOutput o, T value, Action human)
    {
        if (o.Json)
        {
            o.WriteJson(value);
        }
        else
        {
            human();
        }
    }
}
