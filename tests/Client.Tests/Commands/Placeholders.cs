namespace OrleansBank.Client.Tests.Commands;

/// <summary>
/// Attribute arguments are stored as UTF-8, which turns a lone surrogate into U+FFFD, so [InlineData] cannot carry one:
/// tests write <c>{D800}</c> or <c>{FFFD}</c> and get the char from here.
/// </summary>
internal static class Placeholders
{
    public static string Expand(string text) =>
        text.Replace("{D800}", "\uD800", StringComparison.Ordinal)
            .Replace("{DFFF}", "\uDFFF", StringComparison.Ordinal)
            .Replace("{FFFD}", "\uFFFD", StringComparison.Ordinal);
}
