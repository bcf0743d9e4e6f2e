using System.Globalization;

namespace OrleansBank.Grains;

/// <summary>The rules every money amount must meet.</summary>
public static class Amounts
{
    /// <summary>The largest amount a single operation may move.</summary>
    public const decimal Maximum = 1_000_000_000_000m;

    /// <summary>The most decimal places an amount may have.</summary>
    public const int MaxDecimalPlaces = 2;

    /// <summary>The one written form an amount may take, in words, for error messages and help.</summary>
    public const string Shape = "write digits with an optional '.' and up to 2 decimals, e.g. 25 or 19.99";

    /// <summary>The one way the bank writes money for a person: dollars, thousands grouped, two decimals, e.g. -$1,234.50.</summary>
    public static string Format(decimal amount) =>
        (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads an amount typed by a person or sent as text: digits, optionally a '.' and 1 or 2 more digits, in any
    /// culture. Nothing else is accepted (no sign, spaces, commas, exponents or group separators), so that "1,5" can
    /// never be read as 15. The value must then meet <see cref="Validate"/>; <paramref name="allowZero"/> admits 0 too.
    /// </summary>
    public static bool TryParse(string? text, out decimal amount, out string error, bool allowZero = false)
    {
        amount = 0m;
        error = "";
        if (!HasShape(text))
        {
            error = $"{Describe(text)} is not an amount: {Shape}.";
            return false;
        }

        // The shape leaves only one way to fail here: more digits than a decimal holds, far above the maximum.
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value > Maximum)
        {
            error = $"{Describe(text)} is not an amount: it must be at most {Maximum.ToString("N0", CultureInfo.InvariantCulture)}.";
            return false;
        }

        if (value == 0m && !allowZero)
        {
            error = $"{Describe(text)} is not an amount: it must be greater than 0.";
            return false;
        }

        amount = value;
        return true;
    }

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

    private static bool HasShape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? "" : text[(point + 1)..];
        return whole.Length > 0 && whole.All(char.IsAsciiDigit)
            && (point < 0 || fraction.Length is 1 or 2 && fraction.All(char.IsAsciiDigit));
    }

    private static string Describe(string? text) => text is null ? "Nothing" : TextRules.Quote(text);
}
