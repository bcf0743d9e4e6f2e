namespace OrleansBank.Grains;

/// <summary>The rule for an account holder's name, as given to <see cref="IAccountGrain.Open"/>.</summary>
/// <remarks>1 to 200 characters of valid text, not only spaces, and no control characters (so one log line stays one line).</remarks>
public static class Owners
{
    /// <summary>The longest owner name.</summary>
    public const int MaxLength = 200;

    /// <summary>The rule in words, for error messages and help.</summary>
    public const string Rule = "1-200 characters of valid text, not only spaces, with no control characters";

    /// <summary>Throws an <see cref="ArgumentException"/> naming the rule, or returns the name.</summary>
    public static string Validate(string? owner, string parameterName = "owner") =>
        TryValidate(owner, out var error) ? owner! : throw new ArgumentException(error, parameterName);

    /// <summary>True when the name follows the rule; otherwise false, with one sentence saying what is wrong.</summary>
    public static bool TryValidate(string? owner, out string error)
    {
        error = "";
        if (string.IsNullOrWhiteSpace(owner))
        {
            error = $"The owner is empty: it must be {Rule}.";
            return false;
        }

        if (TextRules.FindInvalid(owner) is var invalid and >= 0)
        {
            error = TextRules.NotValidText("owner", owner, invalid);
            return false;
        }

        if (owner.Length > MaxLength || owner.Any(char.IsControl))
        {
            error = $"The owner {TextRules.Quote(owner)} breaks the rule: it must be {Rule}.";
            return false;
        }

        return true;
    }
}
