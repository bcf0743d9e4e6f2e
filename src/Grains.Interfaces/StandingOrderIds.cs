using System.Globalization;

namespace OrleansBank.Grains;

/// <summary>The rule for standing order ids, and the transfer id of each execution.</summary>
/// <remarks>
/// An order id follows <see cref="OperationIds"/> but is at most <see cref="MaxLength"/> characters, so the transfer id
/// of any execution, <c>orderId/k</c>, still does.
/// </remarks>
public static class StandingOrderIds
{
    /// <summary>The longest order id.</summary>
    public const int MaxLength = 100;

    /// <summary>The rule in words, for error messages and help.</summary>
    public const string Rule = "1-100 printable ASCII characters (no spaces or control characters)";

    /// <summary>The shortest time between executions: a reminder's shortest period.</summary>
    public static readonly TimeSpan MinimumEvery = TimeSpan.FromSeconds(1);

    /// <summary>The transfer id of execution <paramref name="execution"/> (1, 2, 3…) of the order.</summary>
    public static string TransferId(string orderId, int execution) =>
        $"{orderId}/{execution.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>True when the id follows the rule; otherwise false, with one sentence saying what is wrong.</summary>
    public static bool TryValidate(string? orderId, out string error)
    {
        if (!OperationIds.TryValidate(orderId, out error) || orderId!.Length > MaxLength)
        {
            error = string.IsNullOrEmpty(orderId)
                ? $"The standing order id is empty: it must be {Rule}."
                : $"The standing order id {TextRules.Quote(orderId)} breaks the rule: it must be {Rule}.";
            return false;
        }

        return true;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the rule, or returns the id.</summary>
    public static string Validate(string? orderId, string parameterName = "orderId") =>
        TryValidate(orderId, out var error) ? orderId! : throw new ArgumentException(error, parameterName);
}
