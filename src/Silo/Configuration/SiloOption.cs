namespace OrleansBank.Silo.Configuration;

/// <summary>
/// One command-line option of the silo: the configuration key it sets, the form its value takes, and a check of
/// that form, so a bad value is refused with one line naming the option before anything starts.
/// </summary>
/// <param name="Name">The option as typed, e.g. <c>--http-port</c>.</param>
/// <param name="Key">The key under the "Silo" section it sets, e.g. <c>HttpPort</c>.</param>
/// <param name="ValueName">The placeholder in the help, e.g. <c>PORT</c>.</param>
/// <param name="Accepted">What a value must be, as the end of a sentence.</param>
/// <param name="IsValid">Whether a value has the accepted form.</param>
internal sealed record SiloOption(string Name, string Key, string ValueName, string Accepted, Func<string, bool> IsValid)
{
    /// <summary>The line for a value that is missing (null) or does not have the accepted form.</summary>
    public string Problem(string? value) => value is null
        ? $"{Name} needs a value: {Accepted}."
        : $"{Name} '{Shorten(value)}' is not valid: {Accepted}.";

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "..." : value;
}
