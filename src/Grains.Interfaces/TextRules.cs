using System.Globalization;
using System.Text;

namespace OrleansBank.Grains;

/// <summary>What "valid text" means for ids and names, and quoting of untrusted text for error messages.</summary>
public static class TextRules
{
    /// <summary>How much of an offending value an error message repeats; a 1 MB id must not make a 1 MB message.</summary>
    private const int QuoteLimit = 40;

    /// <summary>
    /// The index of the first char that shows the text is not valid: a lone surrogate, or U+FFFD, which is what .NET
    /// puts where the command line or the wire had bytes that are not UTF-8. -1 when the text is valid.
    /// </summary>
    public static int FindInvalid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\uFFFD')
            {
                return i;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The text in quotes, with control and invalid chars escaped and long text cut, safe for one log line.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder("'");
        var shown = Math.Min(text.Length, QuoteLimit);
        for (var i = 0; i < shown; i++)
        {
            var c = text[i];
            if (char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD')
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        builder.Append('\'');
        if (text.Length > shown)
        {
            builder.Append(CultureInfo.InvariantCulture, $" (cut; {text.Length:N0} characters in all)");
        }

        return builder.ToString();
    }

    /// <summary>The standard sentence for text that is not valid, naming what it was and where it broke.</summary>
    public static string NotValidText(string what, string text, int index) =>
        $"The {what} {Quote(text)} is not valid text: it has {(text[index] == '\uFFFD' ? "U+FFFD, the mark of bytes that were not UTF-8," : "a lone surrogate")} at index {index}.";
}
