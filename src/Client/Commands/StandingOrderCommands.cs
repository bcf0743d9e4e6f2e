using System.CommandLine;
using OrleansBank.Client.Output;
using OrleansBank.Grains;
using Spectre.Console;

namespace OrleansBank.Client.Commands;

/// <summary>standing-order create, list and cancel: a transfer repeated every period by a durable reminder.</summary>
internal static class StandingOrderCommands
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("standing-order", "Transfers repeated every period: create, list or cancel standing orders.");
        command.Subcommands.Add(CreateCommand(runner));
        command.Subcommands.Add(ListCommand(runner));
        command.Subcommands.Add(CancelCommand(runner));
        return command;
    }

    private static Command CreateCommand(CommandRunner runner)
    {
        var from = CommandArguments.ExistingAccountArgument("The account to take the money from.", "from");
        var to = CommandArguments.ExistingAccountArgument("The account to pay it into.", "to");
        var amount = CommandArguments.AmountArgument();
        var every = new Option<TimeSpan>("--every")
        {
            Description = $"The time between transfers, at least 1s: {Durations.Rule}. The first runs one period from now.",
            HelpName = "DURATION",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens is [var token] ? token.Value : "";
                if (!Durations.TryParse(text, out var value, out var error))
                {
                    result.AddError($"--every: {error}");
                }
                else if (value < StandingOrderIds.MinimumEvery)
                {
                    result.AddError($"--every {text} is too short: a standing order runs at most once a second; give 1s or more.");
                }

                return value;
            },
        };
        var count = CommandArguments.WholeNumberOption("--count", "How many transfers in all (default: until cancelled).", 1, int.MaxValue, "a whole number from 1");
        var id = OrderIdOption();
        var create = new Command("create", "Create a standing order: pay <amount> from <from> to <to> every --every, --count times or until cancelled.") { from, to, amount, every, count, id };
        create.SetAction((parse, ct) =>
        {
            var given = parse.GetValue(id);
            var orderId = given ?? Guid.NewGuid().ToString("N");
            return runner.WithClient(
                parse,
                ct,
                async (client, o) =>
                {
                    if (given is null)
                    {
                        o.Note($"Standing order id {orderId} (if this does not finish, retry with --id {orderId})");
                    }

                    StandingOrder order;
                    try
                    {
                        order = await client.GetGrain<IStandingOrderGrain>(orderId).Create(
                            parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(amount), parse.GetValue(every), (int?)parse.GetValue(count));
                    }
                    catch (ArgumentException e)
                    {
                        // The bank refused the terms (e.g. to itself): exit 1, as for any refusal, not a usage error.
                        throw new AccountException(e.Message);
                    }

                    Show(o, [order]);
                    return ExitCodes.Success;
                },
                orderId,
                "--id");
        });
        return create;
    }

    private static Command ListCommand(CommandRunner runner)
    {
        var account = CommandArguments.ExistingAccountArgument("The account whose standing orders (paying from or into it) to list.");
        var list = new Command("list", "List the standing orders that pay from or into an account.") { account };
        list.SetAction((parse, ct) => runner.WithClient(parse, ct, async (client, o) =>
        {
            var ids = await client.GetGrain<IStandingOrderIndexGrain>(parse.GetValue(account)!).List();
            var orders = await Task.WhenAll(ids.Select(i => client.GetGrain<IStandingOrderGrain>(i).GetOrder()));
            Show(o, [.. orders.Where(x => x.Status != StandingOrderStatus.None)], list: true);
            return ExitCodes.Success;
        }));
        return list;
    }

    private static Command CancelCommand(CommandRunner runner)
    {
        var id = new Argument<string>("id") { Description = $"The standing order id: {StandingOrderIds.Rule}." };
        id.Validators.Add(result =>
        {
            if (!StandingOrderIds.TryValidate(result.GetValueOrDefault<string>(), out var error))
            {
                result.AddError(error);
            }
        });
        var cancel = new Command("cancel", "Cancel a standing order: no further transfer starts.") { id };
        cancel.SetAction((parse, ct) => runner.WithClient(parse, ct, async (client, o) =>
        {
            Show(o, [await client.GetGrain<IStandingOrderGrain>(parse.GetValue(id)!).Cancel()]);
            return ExitCodes.Success;
        }));
        return cancel;
    }

    private static Option<string?> OrderIdOption()
    {
        var option = new Option<string?>("--id")
        {
            Description = $"The standing order id: creating it again repeats nothing. {StandingOrderIds.Rule}. When omitted, a new one is generated and shown before sending.",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !StandingOrderIds.TryValidate(value, out var error))
            {
                result.AddError(error);
            }
        });
        return option;
    }

    private static void Show(ConsoleOutput o, IReadOnlyList<StandingOrder> orders, bool list = false)
    {
        if (o.Json)
        {
            // A list is an array however many it holds; create and cancel answer with the one order.
            if (list)
            {
                o.WriteJson(orders);
            }
            else
            {
                o.WriteJson(orders[0]);
            }

            return;
        }

        if (orders.Count == 0)
        {
            o.Console.MarkupLine("No standing orders.");
            return;
        }

        var table = new Table().AddColumns("Order", "From", "To", "Amount", "Every", "Runs", "Status", "Last transfer");
        foreach (var order in orders)
        {
            table.AddRow(
                order.OrderId.EscapeMarkup(),
                order.From.EscapeMarkup(),
                order.To.EscapeMarkup(),
                MoneyText.Format(order.Amount),
                Durations.Format(order.Every),
                $"{order.Executed}{(order.Count is { } n ? $"/{n}" : "")}",
                order.Status.ToString().ToLowerInvariant(),
                order.LastTransferId is null ? "-" : $"{order.LastTransferId} ({order.LastStatus?.ToString().ToLowerInvariant()})".EscapeMarkup());
        }

        o.Console.Write(table);
    }
}
