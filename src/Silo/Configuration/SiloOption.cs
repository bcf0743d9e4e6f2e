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
/// <param name="Section">The configuration section of <paramref name="Key"/>: "Silo", or "Cluster" for the cluster's id and secret.</param>
/// <param name="IsSecret">True for a value never to be echoed in an error (it would land in logs).</param>
internal sealed record SiloOption(string Name, string Key, string ValueName, string Accepted, Func<string, bool> IsValid, string Section = "Silo", bool IsSecret = false)
{
    /// <summary>The configuration key the option sets, e.g. <c>Silo:HttpPort</c>.</summary>
    public string ConfigurationKey => $"{Section}:{Key}";

    /// <summary>The line for a value that is missing (null) or does not have the accepted form.</summary>
    public string Problem(string? value) => value is null
        ? $"{Name} needs a value: {Accepted}."
        : IsSecret ? $"{Name} is not valid: {Accepted}." : $"{Name} '{Shorten(value)}' is not valid: {Accepted}.";

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "..." : value;
}
