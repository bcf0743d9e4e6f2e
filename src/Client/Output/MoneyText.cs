using System.Globalization;

namespace OrleansBank.Client.Output;

/// <summary>How the client shows money to a person: dollars, thousands grouped, always two decimals, e.g. -$1,234.50.</summary>
internal static class MoneyText
{
    public static string Format(decimal amount) =>
        (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("#,0.00", CultureInfo.InvariantCulture);
}
