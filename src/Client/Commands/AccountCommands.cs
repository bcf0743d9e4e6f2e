using System.CommandLine;
using OrleansBank.Client.Output;
using OrleansBank.Grains;
using Spectre.Console;

namespace OrleansBank.Client.Commands;

/// <summary>open, deposit, withdraw, balance, statement: one account operation each.</summary>
internal static class AccountCommands
{
    public static IEnumerable<Command> Create(CommandSupport support)
    {
        var account = new Argument<string>("account") { Description = "The account id." };
        var opId = new Option<string?>("--op-id") { Description = "An operation id: repeating it repeats nothing." };

        var owner = new Option<string>("--owner") { Description = "The account holder.", DefaultValueFactory = _ => Environment.UserName };
        var initial = new Option<decimal>("--initial") { Description = "A first deposit." };
        var open = new Command("open", "Open an account.") { account, owner, initial, opId };
        open.SetAction((parse, ct) => support.WithClient(parse, ct, async (client, o) =>
        {
            var summary = await client.GetGrain<IAccountGrain>(parse.GetValue(account)!)
                .Open(parse.GetValue(owner)!, parse.GetValue(initial), parse.GetValue(opId));
            Show(o, summary, () => o.Console.MarkupLineInterpolated($"Opened [bold]{summary.AccountId}[/] for {summary.Owner}: balance {Money(summary.Balance)}"));
            return ExitCodes.Success;
        }));

        var depositAmount = CommandSupport.AmountArgument();
        var deposit = new Command("deposit", "Deposit money.") { account, depositAmount, opId };
        deposit.SetAction((parse, ct) => support.WithClient(parse, ct, async (client, o) =>
        {
            var result = await client.GetGrain<IAccountGrain>(parse.GetValue(account)!).Deposit(parse.GetValue(depositAmount), parse.GetValue(opId));
            Show(o, result, () => o.Console.MarkupLineInterpolated($"Deposited {Money(result.Amount)}: balance {Money(result.Balance)} (operation {result.OperationId})"));
            return ExitCodes.Success;
        }));

        var withdrawAmount = CommandSupport.AmountArgument();
        var withdraw = new Command("withdraw", "Withdraw money; a shortfall is declined, not an error.") { account, withdrawAmount, opId };
        withdraw.SetAction((parse, ct) => support.WithClient(parse, ct, async (client, o) =>
        {
            var result = await client.GetGrain<IAccountGrain>(parse.GetValue(account)!).Withdraw(parse.GetValue(withdrawAmount), parse.GetValue(opId));
            Show(o, result, () => o.Console.MarkupLine(result.Approved
                ? $"[green]Approved[/]: withdrew {Money(result.Amount)}, balance {Money(result.Balance)} (operation {result.OperationId.EscapeMarkup()})"
                : $"[yellow]Declined[/]: {result.DeclineReason.EscapeMarkup()} (operation {result.OperationId.EscapeMarkup()})"));
            return ExitCodes.Success;
        }));

        var balance = new Command("balance", "Show the balance.") { account };
        balance.SetAction((parse, ct) => support.WithClient(parse, ct, async (client, o) =>
        {
            var id = parse.GetValue(account)!;
            var amount = await client.GetGrain<IAccountGrain>(id).GetBalance();
            Show(o, new { accountId = id, balance = amount }, () => o.Console.MarkupLineInterpolated($"{id}: {Money(amount)}"));
            return ExitCodes.Success;
        }));

        var statement = StatementCommand.Create(support, account);
        return [open, deposit, withdraw, balance, statement];
    }

    public static string Money(decimal amount) =>
        (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("#,0.00", System.Globalization.CultureInfo.InvariantCulture);

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
