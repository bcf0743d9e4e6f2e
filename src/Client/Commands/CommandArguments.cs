using System.CommandLine;
using System.Globalization;
using OrleansBank.Grains;
using OrleansBank.Runtime;

namespace OrleansBank.Client.Commands;

/// <summary>The arguments and options commands share, each with its validation: gateways, amounts, account and operation ids, owners.</summary>
internal static class CommandArguments
{
    public static Option<string[]> CreateGatewayOption()
    {
        var option = new Option<string[]>("--gateway")
        {
            Description = "A silo gateway as host:port; repeat for several.",
            DefaultValueFactory = _ => ["localhost:30000"],
        };
        option.Validators.Add(result =>
        {
            foreach (var gateway in result.GetValueOrDefault<string[]>() ?? [])
            {
                var colon = gateway.LastIndexOf(':');
                if (colon <= 0 || !int.TryParse(gateway.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                {
                    result.AddError($"'{gateway}' is not a gateway: write it as host:port, e.g. localhost:30000.");
                }
            }
        });
        return option;
    }

    /// <summary>The environment variable the client reads the cluster secret from when --cluster-secret is not given (the silo's name for it).</summary>
    public const string ClusterSecretVariable = "ORLEANSBANK_Cluster__ClusterSecret";

    /// <summary>
    /// The cluster secret the client proves to the silo; default: <see cref="ClusterSecretVariable"/>, which unlike the
    /// flag does not show in <c>ps</c>.
    /// </summary>
    public static Option<string?> CreateClusterSecretOption()
    {
        var option = new Option<string?>("--cluster-secret")
        {
            Description = $"The cluster's secret, as the silo has it (default: ${ClusterSecretVariable}, which unlike this flag does not show in ps).",
            HelpName = "SECRET",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ClusterSecretVariable) is { Length: > 0 } secret ? secret : null,
        };
        option.Validators.Add(result =>
        {
            var secret = result.GetValueOrDefault<string?>();
            if (secret is not null && (secret.Length == 0 || new ClusterOptions { ClusterSecret = secret }.Problems().Any()))
            {
                var from = result.Implicit ? ClusterSecretVariable : "--cluster-secret";
                result.AddError($"{from} must be at least {ClusterOptions.MinimumSecretLength} characters (it is {secret.Length}), the same as the silo's Cluster:ClusterSecret.");
            }
        });
        return option;
    }

    /// <summary>An amount in the one accepted shape (<see cref="Amounts.TryParse"/>); anything else is a usage error.</summary>
    public static Argument<decimal> AmountArgument(string name = "amount") => new(name)
    {
        Description = "An amount such as 25 or 19.99: digits, optionally '.' and 1 or 2 decimals.",
        CustomParser = result => ParseAmount(result, allowZero: false),
    };

    /// <summary>An amount option in the one accepted shape; <paramref name="allowZero"/> for a first deposit, which may be 0.</summary>
    public static Option<decimal> AmountOption(string name, string description, bool allowZero = false) => new(name)
    {
        Description = $"{description} Digits, optionally '.' and 1 or 2 decimals.",
        CustomParser = result => ParseAmount(result, allowZero),
    };

    /// <summary>An account id as the argument of a command that does not create the account.</summary>
    /// <remarks>
    /// Only ids that can never name an account are refused (empty, or not valid text): accounts opened before the
    /// id rule existed must stay reachable, so the full rule is left to <c>open</c>.
    /// </remarks>
    public static Argument<string> ExistingAccountArgument(string description = "The account id.", string name = "account")
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(result =>
        {
            var id = result.GetValueOrDefault<string>() ?? "";
            if (NotValidText("account id", id) is { } invalid)
            {
                result.AddError(invalid);
            }
            else if (id.Length == 0)
            {
                result.AddError($"The account id is empty: it must be {AccountIds.Rule}.");
            }
        });
        return argument;
    }

    /// <summary>An account id for <c>open</c>, held to the full rule.</summary>
    public static Argument<string> NewAccountArgument()
    {
        var argument = new Argument<string>("account") { Description = $"The account id: {AccountIds.Rule}." };
        argument.Validators.Add(result => Check(result, "account id", result.GetValueOrDefault<string>(), AccountIds.TryValidate));
        return argument;
    }

    public static Option<string?> OperationIdOption()
    {
        var option = new Option<string?>("--op-id")
        {
            Description = $"An operation id, unique per account: repeating it repeats nothing. {OperationIds.Rule}. When omitted, a new one is generated and shown in the result: retry with it.",
        };
        option.Validators.Add(result => Check(result, "operation id", result.GetValueOrDefault<string?>(), OperationIds.TryValidate));
        return option;
    }

    public static Option<string> OwnerOption()
    {
        var option = new Option<string>("--owner") { Description = $"The account holder: {Owners.Rule}. Default: the current user's login name." };
        option.Validators.Add(result => Check(result, "owner", result.GetValueOrDefault<string>(), Owners.TryValidate));
        return option;
    }

    /// <summary>The given owner, or the current user's login name.</summary>
    public static string OwnerOrCurrentUser(string? given) => given ?? Environment.UserName;

    /// <summary>The given operation id, or a new one: minted here, not in the grain, so that the user can retry with it.</summary>
    public static string OperationIdOrNew(string? given) => given ?? Guid.NewGuid().ToString("N");

    /// <summary>A usage error for text that the command line could not decode, or null.</summary>
    public static string? NotValidText(string what, string value) =>
        TextRules.FindInvalid(value) >= 0
            ? $"The {what} {TextRules.Quote(value)} is not valid text (the command line had bytes that are not UTF-8): write it in UTF-8."
            : null;

    /// <summary>An optional whole-number option whose every bad value gets one error saying what is accepted.</summary>
    public static Option<long?> WholeNumberOption(string name, string description, long min, long max, string rule) => new(name)
    {
        Description = description,
        HelpName = name == "--after" ? "SEQ" : "N",
        CustomParser = result =>
        {
            var text = result.Tokens is [var token] ? token.Value : "";
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            result.AddError($"{name} must be {rule}; got '{text}'.");
            return null;
        },
    };

    private static decimal ParseAmount(System.CommandLine.Parsing.ArgumentResult result, bool allowZero)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Amounts.TryParse(text, out var amount, out var error, allowZero))
        {
            return amount;
        }

        result.AddError(error);
        return 0m;
    }

    private delegate bool Rule(string? value, out string error);

    private static void Check(System.CommandLine.Parsing.SymbolResult result, string what, string? value, Rule rule)
    {
        if (value is null)
        {
            return;
        }

        if (NotValidText(what, value) is { } invalid)
        {
            result.AddError(invalid);
        }
        else if (!rule(value, out var error))
        {
            result.AddError(error);
        }
    }
}
