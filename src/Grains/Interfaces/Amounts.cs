namespace OrleansBank.Grains;

/// <summary>The rules every money amount must meet.</summary>
public static class Amounts
{
    /// <summary>The largest amount a single operation may move.</summary>
    public const decimal Maximum = 1_000_000_000_000m;

    /// <summary>The most decimal places an amount may have.</summary>
    public const int MaxDecimalPlaces = 2;

    /// <summary>Throws an <see cref="ArgumentException"/> that names the broken rule, or returns the amount.</summary>
    public static decimal Validate(decimal amount, string parameterName = "amount")
    {
        if (amount <= 0m)
        {
            throw new ArgumentOutOfRangeException(parameterName, $"The amount must be greater than 0; got {amount}.");
        }

        if (amount > Maximum)
        {
            throw new ArgumentOutOfRangeException(parameterName, $"The amount must be at most {Maximum:N0}; got {amount}.");
        }

        if (decimal.Round(amount, MaxDecimalPlaces) != amount)
        {
            throw new ArgumentException($"The amount must have at most {MaxDecimalPlaces} decimal places; got {amount}.", parameterName);
        }

        return amount;
    }
}
