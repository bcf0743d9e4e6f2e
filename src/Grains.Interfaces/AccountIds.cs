namespace OrleansBank.Grains;

/// <summary>The rule for account ids: what <see cref="IAccountGrain.Open"/> accepts as the account's key.</summary>
/// <remarks>
/// 1 to 128 characters, each an ASCII letter, a digit or one of <c>-_.:@</c>, and not <c>.</c> or <c>..</c>, so that
/// every account can be named in a URL path and a file name. Only opening checks it: an account opened before the rule
/// existed stays readable and usable.
/// </remarks>
public static class AccountIds
{
    /// <summary>The longest account id.</summary>
    public const int MaxLength = 128;

    /// <summary>The rule in words, for error messages and help.</summary>
    public const string Rule = "1-128 characters, each an ASCII letter, a digit or one of - _ . : @, and not '.' or '..'";

    /// <summary>Throws an <see cref="ArgumentException"/> naming the rule, or returns the id.</summary>
    public static string Validate(string? accountId, string parameterName = "accountId") =>
        TryValidate(accountId, out var error) ? accountId! : throw new ArgumentException(error, parameterName);

    /// <summary>True when the id follows the rule; otherwise false, with one sentence saying what is wrong.</summary>
    public static bool TryValidate(string? accountId, out string error)
    {
        error = "";
        if (string.IsNullOrEmpty(accountId))
        {
            error = $"The account id is empty: it must be {Rule}.";
            return false;
        }

        if (TextRules.FindInvalid(accountId) is var invalid and >= 0)
        {
            error = TextRules.NotValidText("account id", accountId, invalid);
            return false;
        }

        if (accountId.Length > MaxLength || accountId is "." or ".." || !accountId.All(IsAllowed))
        {
            error = $"The account id {TextRules.Quote(accountId)} breaks the rule: it must be {Rule}.";
            return false;
        }

        return true;
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@';
}
