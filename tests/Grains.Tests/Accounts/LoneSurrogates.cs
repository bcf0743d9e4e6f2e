namespace OrleansBank.Grains.Tests.Accounts;

/// <summary>
/// Attribute arguments are stored as UTF-8, which turns a lone surrogate into U+FFFD, so [InlineData] cannot carry
/// one: tests write <c>{D800}</c> and turn it into the char here.
/// </summary>
internal static class LoneSurrogates
{
    public static string Expand(string text) =>
        text.Replace("{D800}", "\uD800", StringComparison.Ordinal)
            .Replace("{DBFF}", "\uDBFF", StringComparison.Ordinal)
            .Replace("{DC00}", "\uDC00", StringComparison.Ordinal);
}
