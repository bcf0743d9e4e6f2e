using OrleansBank.Grains;

namespace OrleansBank.Client.Output;

/// <summary>How the client shows money to a person: the contract's one format (<see cref="Amounts.Format"/>), e.g. -$1,234.50.</summary>
internal static class MoneyText
{
    public static string Format(decimal amount) => Amounts.Format(amount);
}
