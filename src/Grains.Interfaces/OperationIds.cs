namespace OrleansBank.Grains;

/// <summary>The rule for operation ids, the idempotency keys of balance changes.</summary>
/// <remarks>
/// 1 to 128 printable ASCII characters (0x21 to 0x7E): no spaces, no control characters, nothing that a terminal,
/// a log line or a URL could show as something else. An operation id is unique per account: the same id on two
/// accounts names two operations.
/// </remarks>
public static class OperationIds
{
    /// <summary>The longest operation id.</summary>
    public const int MaxLength = 128;

    /// <summary>The rule in words, for error messages and help.</summary>
    public const string Rule = "1-128 printable ASCII characters (no spaces or control characters)";

    /// <summary>Throws an <see cref="ArgumentException"/> naming the rule, or returns the id.</summary>
    public static string Validate(string? operationId, string parameterName = "operationId") =>
        TryValidate(operationId, out var error) ? operationId! : throw new ArgumentException(error, parameterName);

    /// <summary>True when the id follows the rule; otherwise false, with one sentence saying what is wrong.</summary>
    public static bool TryValidate(string? operationId, out string error)
    {
        error = "";
        if (string.IsNullOrEmpty(operationId))
        {
            error = $"The operation id is empty: it must be {Rule}.";
            return false;
        }

        if (TextRules.FindInvalid(operationId) is var invalid and >= 0)
        {
            error = TextRules.NotValidText("operation id", operationId, invalid);
            return false;
        }

        if (operationId.Length > MaxLength || !operationId.All(c => c is >= '\x21' and <= '\x7E'))
        {
            error = $"The operation id {TextRules.Quote(operationId)} breaks the rule: it must be {Rule}.";
            return false;
        }

        return true;
    }
}
