namespace OrleansBank.Grains;

/// <summary>
/// How much of an account's history an activation keeps in memory (the rest is read from its log on demand), and
/// whether a silo warms the accounts' cold path as it starts.
/// </summary>
public sealed class AccountOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string ConfigurationSection = "Accounts";

    /// <summary>
    /// How many recent ledger entries, operation ids and finished transfer legs an activation keeps (1 or more); older
    /// ones are looked up in the log, so idempotency is exact for ever whatever this is. Default: 1,000.
    /// </summary>
    public int RecentWindow { get; set; } = 1000;

    /// <summary>
    /// Whether a silo that called <see cref="AccountSiloBuilderExtensions.AddAccountWarmUp"/> runs an account's cold
    /// path before it reports ready, so the first account called after a restart does not pay for it. Default: true.
    /// </summary>
    public bool WarmUpAtStart { get; set; } = true;
}
